// Poverty and report pages: the menu follows the ministry's domain roles (the servers enforce
// it anyway); a person's poverty status on a date; the province's monthly report built by the
// reporting worker from the registry's events, its chart, the Excel form, data quality by unit.
import { expect, test } from "@playwright/test";
import { env, expectAccessible, login, screenshot } from "./support";

test.setTimeout(180_000);

test("poverty and report pages, with the domain separation in the menu", async ({ page }) => {
  await login(page, env("WEB_POVERTY_ONLY_USER"), env("WEB_OFFICER_PASSWORD"));
  const menu = page.getByRole("navigation", { name: "Chức năng" });
  await expect(menu.getByRole("link")).toHaveText(["Giảm nghèo"]);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await page.waitForURL(/\/app\/$/);

  await login(page, env("WEB_SOCIAL_ONLY_USER"), env("WEB_OFFICER_PASSWORD"));
  await expect(menu.getByRole("link")).toHaveText(["Đối tượng bảo trợ xã hội", "Chất lượng dữ liệu theo đơn vị", "Hồ sơ thủ tục hành chính", "Nhập, xuất tệp Excel của xã", "Chi trả trợ cấp", "Báo cáo"]);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await page.waitForURL(/\/app\/$/);

  await login(page, env("WEB_LEADER_USER"), env("WEB_LEADER_PASSWORD"));
  await menu.getByRole("link", { name: "Giảm nghèo" }).click();
  await page.getByLabel("Số định danh cá nhân").fill(env("WEB_APPLICANT_ID"));
  await page.getByRole("button", { name: "Tra cứu" }).click();
  await expect(page.getByTestId("poverty-status")).toContainText("Không thuộc hộ nghèo, hộ cận nghèo");
  await screenshot(page, "officer-poverty");
  await expectAccessible(page, "poverty");

  await menu.getByRole("link", { name: "Báo cáo" }).click();
  await expect(page.getByLabel("Mã đơn vị")).toHaveValue("01");
  const total = page.getByTestId("report").locator(".ant-statistic-content-value");
  for (let i = 0; i < 60; i++) {
    await page.getByRole("button", { name: "Xem báo cáo" }).click();
    await page.waitForTimeout(1000);
    if (await total.count()) {
      const shown = Number((await total.innerText()).replace(/\D/g, ""));
      if (shown > 0) break;
    }
  }
  expect(Number((await total.innerText()).replace(/\D/g, ""))).toBeGreaterThan(0);
  await expect(page.getByRole("figure", { name: "Biến động trong tháng" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Chất lượng dữ liệu theo đơn vị" })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Tải biểu mẫu Excel" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
  await screenshot(page, "officer-reports");
  await expectAccessible(page, "reports");
});
