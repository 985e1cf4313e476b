export default async function globalTeardown(): Promise<void> {
  await globalThis.__DYNAMO_LOCAL__?.stop();
}
