// A browser flow against the whole stack on 2 shared cores: minutes, not jest's 5 s.
// (testTimeout in a project entry is not applied by jest 30; this is.)
jest.setTimeout(300_000);
