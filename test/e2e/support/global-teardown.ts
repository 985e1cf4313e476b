/** Stops the e2e stack: serverless-offline's process group, s3rver, DynamoDB Local (no Java or node left). */
export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.__E2E_STACK__;
  globalThis.__E2E_STACK__ = undefined;
  if (stack) await stack.stop();
}
