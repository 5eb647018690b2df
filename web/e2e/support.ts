// Shared steps of the browser tests: real Keycloak login, axe-core, screenshots.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";

export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run through tests/e2e/test_web_browser.py)`);
  return value;
}

/** Log in through Keycloak's own login page (authorization code + PKCE). */
export async function login(page: Page, username: string, password: string, path = "/app/"): Promise<void> {
  await page.goto(path);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL(/\/realms\/ansinh\/protocol\/openid-connect\/auth/);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(password);
  await page.locator("#kc-login").click();
  await page.waitForURL((url) => url.pathname.startsWith("/app/") && !url.pathname.startsWith("/app/callback"));
}

/** No serious or critical axe-core violation on the page as it is now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
  expect(summary, `axe-core on ${what}`).toEqual([]);
}

/** A full-page screenshot kept as a CI artifact (folder named in the README). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.ANSINH_WEB_ARTIFACTS ? `${process.env.ANSINH_WEB_ARTIFACTS}/screenshots` : "test-results/screenshots";
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}
