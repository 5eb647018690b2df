// Browser tests (ADR 0024): Debian's chromium through executablePath, never a downloaded
// browser. Started by tests/e2e/test_web_browser.py, which runs the stack and passes
// ANSINH_WEB_URL and the test accounts in the environment.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  outputDir: process.env.ANSINH_WEB_ARTIFACTS ? `${process.env.ANSINH_WEB_ARTIFACTS}/results` : "test-results",
  use: {
    baseURL: process.env.ANSINH_WEB_URL ?? "http://127.0.0.1:58000",
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    acceptDownloads: true,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium",
      args: ["--no-sandbox", "--disable-dev-shm-usage"],
    },
  },
});
