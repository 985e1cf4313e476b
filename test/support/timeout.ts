/** Integration files set up a table with the seed catalogue and a demo county: allow for a loaded machine. */
jest.setTimeout(20_000);
