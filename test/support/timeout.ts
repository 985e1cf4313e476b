/** Integration files set up a table with the seed catalogue and a demo county: allow for a loaded machine. */
import { dropTables } from './table';

jest.setTimeout(60_000);

// Each file's tables go when the file ends (see table.ts): the shared engine's heap stays small.
afterAll(async () => {
  await dropTables();
}, 60_000);
