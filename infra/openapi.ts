/**
 * `npm run openapi`: writes docs/openapi.json from the route contracts (shared/contracts).
 * shared/contracts/openapi.test.ts fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'prettier';
import { AREAS } from '../shared/contracts';
import { openApiDocument } from '../shared/contracts/openapi';

export const OPENAPI_FILE = path.join(__dirname, '..', 'docs', 'openapi.json');

async function main() {
  const text = await format(JSON.stringify(openApiDocument(AREAS)), { parser: 'json' });
  writeFileSync(OPENAPI_FILE, text);
  console.log(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)}`);
}

void main();
