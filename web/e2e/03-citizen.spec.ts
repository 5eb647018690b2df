// The citizen portal on a phone (360 px): what the platform knows, their own record.
import { expect, test } from "@playwright/test";
import { env, expectAccessible, login, screenshot } from "./support";

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test("a citizen sees what the platform knows and their own record on a phone", async ({ page }) => {
  await login(page, env("WEB_CITIZEN_USER"), env("WEB_CITIZEN_PASSWORD"));
  await page.waitForURL(/\/app\/portal$/);
  await expect(page.getByText("Số định danh cá nhân")).toBeVisible();
  await expect(page.getByText(env("WEB_CITIZEN_ID")).first()).toBeVisible();
  await expect(page.getByText(env("WEB_CITIZEN_NAME"))).toBeVisible();
  await expect(page.getByText(env("WEB_CITIZEN_BIRTH"))).toBeVisible();
  // nothing wider than the phone
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  // a record without an address says so instead of an empty row
  await expect(page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Địa chỉ" }) }).first()).toContainText("Chưa có");
  await page.getByRole("button", { name: "Lịch sử biến động" }).click();
  const history = page.getByRole("region", { name: "Lịch sử biến động" });
  await expect(history.getByText(/Tăng mới/)).toBeVisible();
  // the history is not cut at the right edge: the page stays 360 px wide and every line of it
  // ends inside the screen
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const rightEdges = await history.locator("li, li *").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
  expect(rightEdges.length).toBeGreaterThan(0);
  expect(Math.max(...rightEdges)).toBeLessThanOrEqual(360);
  await screenshot(page, "citizen-portal");
  await expectAccessible(page, "citizen portal");
});
