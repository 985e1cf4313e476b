/**
 * `npm run openapi`: writes docs/openapi.json from the route contracts (shared/contracts).
 * shared/contracts/openapi.test.ts fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { AREAS } from '../shared/contracts';
import { openApiDocument } from '../shared/contracts/openapi';

export const OPENAPI_FILE = path.join(__dirname, '..', 'docs', 'openapi.json');

async function main() {
  // formatted as the repo's Prettier configuration formats it, so `prettier --check` passes
  const options = await resolveConfig(OPENAPI_FILE);
  const text = await format(JSON.stringify(openApiDocument(AREAS)), {
    ...options,
    filepath: OPENAPI_FILE,
  });
  writeFileSync(OPENAPI_FILE, text);
  console.log(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)}`);
}

void main();
