import type { UserConfigExport } from '@tarojs/cli';

/**
 * Production builds are what WeChat's code-quality panel scores (test/e2e/weapp-size.test.ts runs
 * miniprogram-ci's checkCodeQuality on client/dist/weapp): JS (terser) and WXSS (csso) are
 * minified here, and the WXML templates lose their whitespace. project.config.json turns on the
 * same compression for WeChat's own upload step (setting.minified / minifyWXML / minifyWXSS).
 */
export default {
  terser: { enable: true },
  csso: { enable: true },
  mini: {
    minifyXML: { collapseWhitespace: true },
  },
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
