import { defineConfig } from '@playwright/test';

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  // one retry in CI, reported as "flaky" in the summary, never silently: a real browser on a busy
  // machine can lose a race the product does not (see the issue notes for the one seen)
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  projects: [
    { name: 'e2e', testDir: 'tests/e2e' },
    // one Electron app at a time: each test launches the whole app (and a packaged one), and
    // two at once on a 2-core machine only measure the machine
    { name: 'electron', testDir: 'tests/electron', fullyParallel: false, workers: 1 },
  ],
});
