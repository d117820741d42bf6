// **vitest config**: dist/ is compiled once before any test runs (the CLI tests spawn bin/xckg.js, which runs dist/).
export default {
  test: {
    globalSetup: ['./test/global-setup.ts'],
    // Two cores shared by CI jobs or by several people: a test that spawns the CLI can wait seconds for a core.
    // The limits guard against hangs, not slowness; what a test checks is its assertions.
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
};
