// A poverty review from the list to the certificate: a commune officer starts the commune's
// annual review, lists a household, records Phiếu A and the survey (facts from the standard's
// form), the village meeting and the posting; the decision is not offered to the officer and
// the server refuses it (403); the commune chair decides and issues the certificate (a PDF).
// A citizen asks for a review of their household on a phone (360 px): Mẫu 04 is refused beside
// the field (the household is not poor), Mẫu 01 is filed and its status shown.
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { env, expectAccessible, login, screenshot } from "./support";

test.setTimeout(300_000);

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** Type a date and press Enter: antd commits the date and submits the form it is in. */
async function pickDate(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press("Enter");
}

async function expectStep(page: Page, text: string | RegExp): Promise<void> {
  await expect(page.getByTestId("current-step")).toContainText(text);
}

/** The API as the signed-in browser user (the token oidc-client-ts keeps in the session). */
async function apiAsUser(page: Page, path: string, body: unknown): Promise<number> {
  return page.evaluate(async ({ path, body }) => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith("oidc.user:"));
    const token = key ? (JSON.parse(sessionStorage.getItem(key) ?? "{}") as { access_token?: string }).access_token : "";
    const answer = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    return answer.status;
  }, { path, body });
}

test("a commune walks a poverty review to the certificate; a citizen asks for a review on a phone", async ({ page, browser }) => {
  const household = env("WEB_PV_HOUSEHOLD");
  await login(page, env("WEB_OFFICER2_USER"), env("WEB_OFFICER_PASSWORD"));
  await page.getByRole("navigation", { name: "Chức năng" }).getByRole("link", { name: "Giảm nghèo" }).click();
  await page.getByRole("link", { name: /Rà soát hộ nghèo, hộ cận nghèo/ }).click();
  await expect(page.getByLabel("Mã xã", { exact: true })).toHaveValue("00004");
  // a commune account's province is its unit's (from the server): no field to type it in
  await expect(page.getByTestId("review-province")).toHaveText("01");
  await expect(page.getByLabel("Mã tỉnh", { exact: true })).toHaveCount(0);
  await page.getByLabel("Năm rà soát", { exact: true }).fill("2025");
  await page.getByRole("button", { name: "Xem các kỳ rà soát" }).click();
  await expect(page.getByText("Chưa có kỳ rà soát nào trong năm.")).toBeVisible();
  const report = page.waitForEvent("download");
  await page.getByRole("button", { name: "Tải báo cáo kết quả rà soát (Excel)" }).click();
  expect((await report).suggestedFilename()).toMatch(/\.xlsx$/);
  await expectAccessible(page, "poverty reviews");

  // step 1: the annual review of 2025 and its list; only this step's actions are offered
  await pickDate(page, "Ngày bắt đầu", "03/09/2025"); // submits "Bắt đầu rà soát"
  await page.waitForURL(/\/app\/officer\/poverty\/reviews\/01\//);
  const reviewPath = new URL(page.url()).pathname;
  await expectStep(page, "Lập danh sách hộ cần rà soát");
  await expect(page.getByRole("button", { name: "Ghi kết quả họp dân" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Ký quyết định" })).toHaveCount(0);
  await page.getByLabel("Mã hộ", { exact: true }).fill(household);
  // a household not poor is listed only with a request (the server refuses it otherwise)
  await page.getByLabel("Giấy đề nghị nhận tại xã", { exact: true }).click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: "Mẫu 01" }).first().click();
  await pickDate(page, "Ngày nhận", "02/09/2025"); // submits "Đưa hộ vào danh sách"
  const row = page.getByRole("row").filter({ hasText: household });
  await expect(row).toContainText("Chờ nhận diện, khảo sát");
  const list = page.waitForEvent("download");
  await page.getByRole("button", { name: "Xuất danh sách rà soát (Excel)" }).click();
  expect((await list).suggestedFilename()).toMatch(/\.xlsx$/);
  await pickDate(page, "Ngày chốt danh sách", "05/09/2025"); // submits "Chốt danh sách"

  // step 2: Phiếu A (no criterion met: the household needs the survey), then the survey
  await expectStep(page, "Nhận diện nhanh và khảo sát, chấm điểm");
  await row.getByRole("button", { name: `Phiếu A hộ ${household}` }).click();
  await pickDate(page, "Ngày nhận diện", "10/09/2025"); // submits "Ghi Phiếu A"
  await expect(page.getByRole("button", { name: "Ghi Phiếu A" })).toHaveCount(0);
  await row.getByRole("button", { name: `Khảo sát hộ ${household}` }).click();
  await page.getByLabel("Thu nhập bình quân (đồng/người/tháng)").fill("1500000");
  await expect(page.getByRole("checkbox", { name: "Nước sinh hoạt an toàn" })).toBeVisible(); // from the standard's form
  await pickDate(page, "Ngày khảo sát", "12/09/2025"); // submits the survey
  // the house's area was not given: the server's error is shown beside that field
  const area = page.locator(".ant-form-item").filter({ has: page.getByLabel("Diện tích nhà ở (m²)") });
  await expect(area.locator(".ant-form-item-explain-error")).toBeVisible();
  await screenshot(page, "officer-poverty-survey");
  await expectAccessible(page, "poverty survey");
  await page.getByLabel("Diện tích nhà ở (m²)").fill("30");
  await page.getByLabel("Số kết cấu chính không bền chắc (0-3)").fill("0");
  await page.getByRole("button", { name: "Ghi kết quả khảo sát" }).click();

  // step 3: the village meeting, then the posting (step 4)
  await expectStep(page, "Họp dân thôn");
  await expect(row).toContainText("Hộ nghèo"); // proposed by the server's classification
  await page.getByLabel("Người dự họp (mỗi dòng một người)").fill(Array.from({ length: 10 }, (_, n) => `Người dân ${n + 1}`).join("\n"));
  await page.getByLabel("Chủ trì", { exact: true }).fill("Tổ trưởng tổ dân phố 9");
  await page.getByLabel("Giám sát (Mặt trận Tổ quốc)").fill("Ban công tác Mặt trận");
  await page.getByLabel("Số biên bản (mỗi dòng một số; lập thành hai bản)").fill("BB-9/2025-01\nBB-9/2025-02"); // two copies
  await page.getByLabel(`Số người đồng ý — hộ ${household}`).fill("9");
  await pickDate(page, "Ngày họp", "25/09/2025"); // submits "Ghi kết quả họp dân"
  await expect(row).toContainText("Đã thông qua họp dân");
  await pickDate(page, "Ngày bắt đầu niêm yết", "26/09/2025"); // submits
  await expectStep(page, "Niêm yết công khai");
  await pickDate(page, "Ngày kết thúc niêm yết", "06/10/2025"); // submits

  // step 6: not offered to the officer, and the server refuses it anyway
  await expectStep(page, "Quyết định của Chủ tịch UBND cấp xã");
  await expect(page.getByText("Chờ Chủ tịch UBND xã ra quyết định.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Ký quyết định" })).toHaveCount(0);
  const apiPath = reviewPath.replace("/app/officer/poverty/reviews/", "/api/v1/poverty/reviews/") + "/steps";
  expect(await apiAsUser(page, apiPath, { decision: { decision_number: "1/QĐ-UBND", on: "2025-11-20" } })).toBe(403);
  await screenshot(page, "officer-poverty-review");
  await expectAccessible(page, "poverty review");
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await page.waitForURL(/\/app\/$/);

  // the commune chair decides and issues the certificate
  await login(page, env("WEB_COMMUNE_LEADER_USER"), env("WEB_OFFICER_PASSWORD"), reviewPath);
  await expectStep(page, "Quyết định của Chủ tịch UBND cấp xã");
  await page.getByLabel("Số quyết định", { exact: true }).fill("150/QĐ-UBND");
  await pickDate(page, "Ngày quyết định", "20/11/2025"); // submits "Ký quyết định"
  await expectStep(page, "Đã có quyết định công nhận");
  await expect(row).toContainText("Đã quyết định");
  const issued = row.getByLabel("Ngày cấp", { exact: true });
  await issued.fill("25/11/2025");
  await issued.press("Enter");
  const certificate = page.waitForEvent("download");
  await row.getByRole("button", { name: "Cấp giấy chứng nhận (PDF)" }).click();
  const pdf = await certificate;
  expect(pdf.suggestedFilename()).toMatch(/GCN-HN\.HCN\.pdf$/);
  expect(readFileSync((await pdf.path()) as string).subarray(0, 5).toString()).toBe("%PDF-");
  await expect(row.getByRole("status")).toContainText("Đã cấp");
  await screenshot(page, "leader-poverty-decided");
  await expectAccessible(page, "decided poverty review");

  // a citizen of another household asks for a review, on a phone
  const phone = await (await browser.newContext(PHONE)).newPage();
  await login(phone, env("WEB_PV_CITIZEN_USER"), env("WEB_PV_CITIZEN_PASSWORD"));
  await phone.getByRole("link", { name: "Đề nghị rà soát hộ nghèo, hộ cận nghèo" }).click();
  await expect(phone.getByText(env("WEB_PV_CITIZEN_HOUSEHOLD"))).toBeVisible();
  await phone.getByRole("radio", { name: /Mẫu 04/ }).check();
  await phone.getByRole("button", { name: "Gửi giấy đề nghị" }).click();
  await expect(phone.locator(".ant-form-item-explain-error")).toBeVisible(); // not poor: 422 on "form"
  await phone.getByRole("radio", { name: /Mẫu 01/ }).check();
  await phone.getByRole("button", { name: "Gửi giấy đề nghị" }).click();
  await expect(phone.getByTestId("poverty-request")).toContainText("Trực tuyến");
  await expect(phone.getByTestId("poverty-request")).toContainText("Đang chờ UBND xã đưa vào danh sách rà soát kỳ tới");
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(phone, "citizen-poverty-request");
  await expectAccessible(phone, "citizen's poverty request");
});
