// The commune officer's Excel cycle: template, upload with a progress bar driven by the job,
// errors by row and column, the error file, then the valid rows applied; the records are then
// found in the search, with their history and an "as of date" view.
import { expect, test } from "@playwright/test";
import { copyFileSync } from "node:fs";
import { env, expectAccessible, login, screenshot } from "./support";

test.setTimeout(300_000);

test("a commune file with errors: progress, errors by row and column, error file, valid rows applied", async ({ page }) => {
  await login(page, env("WEB_OFFICER_USER"), env("WEB_OFFICER_PASSWORD"));
  await expect(page.getByRole("heading", { name: "Đối tượng bảo trợ xã hội" })).toBeVisible();
  const menu = page.getByRole("navigation", { name: "Chức năng" });
  await expect(menu.getByRole("link")).toHaveText(["Đối tượng bảo trợ xã hội", "Chất lượng dữ liệu theo đơn vị", "Hồ sơ thủ tục hành chính", "Nhập, xuất tệp Excel của xã", "Chi trả trợ cấp", "Giảm nghèo", "Báo cáo"]);
  await expectAccessible(page, "beneficiaries (empty)");

  await menu.getByRole("link", { name: "Nhập, xuất tệp Excel của xã" }).click();
  await expect(page.getByLabel("Mã xã")).toHaveValue("00004");
  const templateDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Tải biểu mẫu (Excel)" }).click();
  expect((await templateDownload).suggestedFilename()).toMatch(/\.xlsx$/);

  await page.locator('input[type="file"]').setInputFiles(env("WEB_IMPORT_FILE"));
  await page.getByRole("radio", { name: "Chỉ kiểm tra (không ghi)" }).check();
  await page.getByRole("button", { name: "Nhập tệp" }).click();

  // the bar follows the job's progress: values never go back and end at 100
  const bar = page.getByRole("progressbar");
  await expect(bar).toBeVisible();
  const seen: number[] = [];
  for (let i = 0; i < 600; i++) {
    const now = Number(await bar.getAttribute("aria-valuenow"));
    if (seen[seen.length - 1] !== now) seen.push(now);
    if (now >= 100) break;
    await page.waitForTimeout(50);
  }
  console.log(`progress bar values seen: ${seen.join(", ")}`);
  expect(seen[seen.length - 1]).toBe(100);
  expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  expect(seen.length).toBeGreaterThan(1);

  const result = page.getByTestId("import-result");
  const rejected = Number(env("WEB_IMPORT_REJECTED"));
  const total = Number(env("WEB_IMPORT_ROWS"));
  await expect(result.getByText("Chưa ghi dữ liệu nào.")).toBeVisible();
  await expect(result.locator(".ant-statistic").filter({ hasText: "Dòng có lỗi" })).toContainText(String(rejected));
  const errors = result.getByRole("table");
  await expect(errors.locator("caption")).toHaveText("Lỗi theo dòng và cột");
  await expect(errors.getByRole("row").nth(1)).toContainText(env("WEB_IMPORT_FIRST_ERROR_ROW"));
  await expect(errors.getByRole("row").nth(1)).toContainText("Giới tính");
  await screenshot(page, "officer-excel-errors");
  await expectAccessible(page, "Excel cycle with errors");

  const errorDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Tải tệp lỗi" }).click();
  const errorFile = await errorDownload;
  expect(errorFile.suggestedFilename()).toBe("loi-00004.xlsx");
  copyFileSync(await errorFile.path(), env("WEB_ERROR_FILE_OUT"));

  await page.getByRole("button", { name: "Ghi các dòng hợp lệ" }).click();
  await expect(result.getByText(`Đã ghi ${(total - rejected).toLocaleString("vi-VN")} dòng hợp lệ.`)).toBeVisible({ timeout: 90_000 });
  await screenshot(page, "officer-excel-applied");

  // the applied records are in the search, with their history and an "as of date" view
  const searched = page.waitForResponse((r) => r.url().includes("/api/v1/beneficiaries?"), { timeout: 90_000 });
  await menu.getByRole("link", { name: "Đối tượng bảo trợ xã hội" }).click();
  const answer = await searched;
  console.log(`search after apply: ${answer.status()} ${(await answer.text()).slice(0, 120)}`);
  await expect(page.locator("caption")).toHaveText(`Tìm thấy ${(total - rejected).toLocaleString("vi-VN")} hồ sơ`);
  await page.getByLabel("Họ tên").fill(env("WEB_CITIZEN_NAME"));
  await page.getByRole("button", { name: "Tìm kiếm" }).click();
  await expect(page.locator("caption")).toHaveText("Tìm thấy 1 hồ sơ");
  await expect(page.getByRole("row").nth(1)).toContainText(env("WEB_CITIZEN_BIRTH"));
  await screenshot(page, "officer-beneficiaries");
  await expectAccessible(page, "beneficiaries search");

  await page.getByRole("link", { name: env("WEB_CITIZEN_NAME") }).click();
  await expect(page.getByRole("heading", { name: "Lịch sử biến động" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Tăng mới" })).toBeVisible();
  await page.getByLabel("Xem hồ sơ tại ngày").fill("31/12/2025");
  await page.getByLabel("Xem hồ sơ tại ngày").press("Enter");
  await expect(page.getByText("Hồ sơ tại ngày 31/12/2025")).toBeVisible();
  await screenshot(page, "officer-record");
  await expectAccessible(page, "beneficiary record");

  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await page.waitForURL(/\/app\/$/);
  await expect(page.getByRole("button", { name: "Đăng nhập" })).toBeVisible();
  await screenshot(page, "login");
  await expectAccessible(page, "login page");
});
