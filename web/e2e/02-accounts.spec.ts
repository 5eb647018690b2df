// A province leader creates an account for a commune directly below (2025 two-level model);
// a problem+json error is shown beside the field it names; then the account is disabled.
import { expect, test } from "@playwright/test";
import { env, expectAccessible, login, screenshot } from "./support";

test("a leader creates and disables an account of a subordinate unit", async ({ page }) => {
  await login(page, env("WEB_LEADER_USER"), env("WEB_LEADER_PASSWORD"));
  const menu = page.getByRole("navigation", { name: "Chức năng" });
  await menu.getByRole("link", { name: "Tài khoản đơn vị cấp dưới" }).click();
  await expect(page.getByRole("heading", { name: "Tài khoản đơn vị cấp dưới" })).toBeVisible();
  await expectAccessible(page, "accounts");

  const username = env("WEB_NEW_ACCOUNT");
  await page.getByLabel("Tên đăng nhập").first().fill(username);
  await page.getByLabel("Họ", { exact: true }).fill("Nguyễn Thị");
  await page.getByLabel("Tên", { exact: true }).fill("Hoa");
  await page.getByLabel("Thư điện tử").fill(`${username}@test.ansinh.vn`);
  await page.getByLabel("Mã đơn vị cấp dưới trực tiếp").fill("00008");
  await page.getByLabel("Mật khẩu (để trống: hệ thống tự tạo)").fill("ngắn");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  // the gateway's 422 names body.password: the message stands under the password field
  const passwordItem = page.locator(".ant-form-item").filter({ has: page.getByLabel("Mật khẩu (để trống: hệ thống tự tạo)") });
  await expect(passwordItem.locator(".ant-form-item-explain-error")).toBeVisible();
  await screenshot(page, "officer-accounts-field-error");

  await page.getByLabel("Mật khẩu (để trống: hệ thống tự tạo)").fill("Hoa-pass-2026");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByRole("status")).toContainText(`Đã tạo tài khoản ${username} cho đơn vị 00008.`);

  await page.getByLabel("Tên đăng nhập").last().fill(username);
  await page.getByRole("button", { name: "Khóa", exact: true }).click();
  await expect(page.getByRole("status").last()).toContainText(`Tài khoản ${username} đã bị khóa.`);
  await screenshot(page, "officer-accounts");
  await expectAccessible(page, "accounts after actions");
});
