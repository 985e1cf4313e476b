/**
 * WeChat's code-quality panel (代码质量), offline: miniprogram-ci's checkCodeQuality on a built
 * weapp directory. Run as its own process (`tsx test/e2e/support/weapp-code-quality.ts <dir>`),
 * because the checker leaves a file watcher (chokidar) open with no way to close it, which
 * would keep jest from exiting. Prints one line `RESULT <json>` and exits.
 *
 * Taro copies client/project.config.json into the build (miniprogramRoot './'), whose
 * `setting.minified/minifyWXML/minifyWXSS` the checker reads. The tourist appid needs no
 * account; checkCodeQuality never reads the private key, but the Project constructor insists
 * on one, so it gets a placeholder: no secret and no network.
 */
export interface CodeQualityCheck {
  name: string;
  success: boolean;
  /** describes the failure ("JS compression is not turned on"), whatever the outcome */
  text: string;
}

export const RESULT_PREFIX = 'RESULT ';

export async function checkWeappCodeQuality(dir: string): Promise<CodeQualityCheck[]> {
  // loaded here, not on import: the test imports this file only for its types and prefix
  const ci = await import('miniprogram-ci');
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: dir,
    privateKey: 'not-used-by-checkCodeQuality',
    ignores: ['node_modules/**/*'],
  });
  return (await ci.checkCodeQuality(project)).map((r) => ({
    name: r.name ?? '(unnamed)',
    success: r.success === true,
    text: r.text ?? '',
  }));
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: weapp-code-quality.ts <built weapp dir>');
  checkWeappCodeQuality(dir).then(
    (results) => {
      process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify(results)}\n`, () => process.exit(0));
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
