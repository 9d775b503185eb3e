import { defineConfig, devices } from "@playwright/test";
import { origins, ports } from "./e2e/ports";

// Debian's Chromium: Playwright's own browser download cannot run offline.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  // A page on a loaded 2-core machine (the integration suite runs beside this one) can take longer than the default
  // five seconds to respond to a click.
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // One spec file at a time. Specs do not depend on each other's order (each signs up accounts of its own; the apps'
  // admin is listed in ADMIN_EMAILS), but two workers beside the integration shards saturate a 2-core machine: measured
  // 754 s instead of 786 s for e2e, while the integration suite's timing-sensitive tests failed at load 17.
  workers: 1,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: origins.app,
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } },
    // At phone width, the specs whose pages change with the width (navigation folded into a menu, tables turned into
    // cards, every page fitting the screen); flows that are the same at every width run once, at desktop width.
    {
      name: "phone",
      use: { ...devices["Pixel 7"] },
      testMatch: /\/(site-walk|dashboard-ux|landing|models|usage|docs)\.spec\.ts$/,
    },
  ],
  webServer: {
    command: `node --import tsx e2e/serve.ts`,
    // e2e/serve.ts starts the app without Stripe last: when it answers, both do.
    url: `${origins.appWithoutStripe}/api/status`,
    timeout: 8 * 60_000,
    reuseExistingServer: false,
    env: { E2E_PORT: String(ports.app) },
    stdout: "pipe",
  },
});
