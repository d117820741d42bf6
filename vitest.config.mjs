// **vitest config**: dist/ is compiled once before any test runs (the CLI tests spawn bin/xckg.js, which runs dist/).
export default {
  test: {
    globalSetup: ['./test/global-setup.ts'],
  },
};
