// A dossier from end to end: a citizen applies on a phone (360 px), the commune officers
// process it (receive, check against the population database, appraise; the appraiser may not
// approve, a colleague does), the commune leader decides, the citizen sees the result, and the
// registry worker's record appears in the officer's search.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { env, expectAccessible, login, screenshot } from "./support";

test.setTimeout(540_000);

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: option }).first().click();
}

/** Take an action; `refused`: the service's refusal is expected (shown as an error alert). */
async function act(page: Page, action: string, refused = false): Promise<void> {
  await choose(page, "Thao tác", new RegExp(`^${action}$`));
  await page.getByRole("button", { name: action, exact: true }).click();
  const done = page.getByRole("status").filter({ hasText: `Đã thực hiện: ${action}.` });
  const error = page.locator(".ant-alert-error");
  await expect(done.or(error)).toBeVisible();
  if (refused) await expect(error).toBeVisible();
  else expect(await error.count(), (await error.allInnerTexts()).join(" ")).toBe(0);
}

async function officer(browser: Browser, user: string, dossierId: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await login(page, env(user), env("WEB_OFFICER_PASSWORD"));
  await page.goto(`/app/officer/dossiers/${encodeURIComponent(dossierId)}`);
  await expect(page.getByTestId("dossier-status")).toBeVisible();
  return page;
}

test("a citizen applies on a phone, the commune processes and decides, the record is in the search", async ({ browser }) => {
  // the citizen, on a phone
  const phone = await (await browser.newContext(PHONE)).newPage();
  await login(phone, env("WEB_APPLICANT_USER"), env("WEB_APPLICANT_PASSWORD"));
  await phone.getByRole("button", { name: "Nộp hồ sơ trực tuyến" }).click();
  await expect(phone.getByRole("heading", { name: "Nộp hồ sơ trực tuyến" })).toBeVisible();
  await choose(phone, "Thủ tục", /^Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng/);
  await choose(phone, "Nội dung đề nghị", /^Hưởng trợ cấp xã hội hằng tháng$/);
  await choose(phone, "Tờ khai", /^Mẫu 1b:/);
  await expect(phone.getByLabel("Số định danh cá nhân", { exact: true })).toHaveValue(env("WEB_APPLICANT_ID"));
  await phone.getByLabel("Họ và tên (viết chữ in hoa)", { exact: true }).fill(env("WEB_APPLICANT_NAME"));
  await phone.getByLabel("Ngày, tháng, năm sinh", { exact: true }).fill(env("WEB_APPLICANT_BIRTH"));
  await phone.getByLabel("Ngày, tháng, năm sinh", { exact: true }).press("Enter");
  await choose(phone, "Giới tính", /^Nữ$/);
  await phone.getByLabel("Dân tộc", { exact: true }).fill("01");
  await phone.getByLabel("Nơi cư trú", { exact: true }).fill("Tổ 3, phường Ba Đình");
  await phone.getByLabel("Mã xã, phường, thị trấn nơi cư trú", { exact: true }).fill("00004");
  await choose(phone, "Hộ gia đình thuộc diện", /^Hộ nghèo$/);
  await choose(phone, "Hiện đang sống với", /^Sống một mình$/);
  await phone.getByLabel("Tờ khai theo mẫu của Nghị định 20/2021/NĐ-CP", { exact: true }).setInputFiles({
    name: "to-khai.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\n% to khai\n"),
  });
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(phone, "citizen-apply");
  await expectAccessible(phone, "citizen applies");
  await phone.getByRole("button", { name: "Nộp hồ sơ", exact: true }).click();
  await phone.waitForURL(/\/app\/portal\/dossiers\//);
  await expect(phone.getByTestId("dossier-status")).toHaveText("Mới đăng ký, chờ tiếp nhận");
  await expect(phone.getByRole("region", { name: "Quá trình xử lý" })).toContainText("Nộp hồ sơ");
  const dossierId = decodeURIComponent(new URL(phone.url()).pathname.split("/").pop() ?? "");
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(phone, "citizen's dossier");

  // the commune officer receives, checks and appraises; the dossier is then in their queue
  const desk = await officer(browser, "WEB_DESK_USER", dossierId);
  await act(desk, "Tiếp nhận hồ sơ");
  await expect(desk.getByTestId("dossier-status")).toHaveText("Đang thẩm định");
  await expect(desk.getByText("Hạn xử lý bước hiện tại")).toBeVisible();
  await act(desk, "Đối chiếu CSDL quốc gia về dân cư");
  await expect(desk.getByRole("status")).toContainText("Đã thực hiện: Đối chiếu CSDL quốc gia về dân cư.");
  await choose(desk, "Thao tác", /^Thẩm định hồ sơ$/);
  await choose(desk, "Diện đối tượng (Điều 5 NĐ 20/2021)", /^5\.5a$/);
  await desk.getByLabel("Hệ số", { exact: true }).fill("1.5");
  await desk.getByRole("button", { name: "Thẩm định hồ sơ", exact: true }).click();
  await expect(desk.getByTestId("dossier-status")).toHaveText("Đã thẩm định, chờ phê duyệt");
  // the appraiser is offered the approval but the server refuses it (segregation of duties)
  await act(desk, "Phê duyệt, trình ký", true);
  await expect(desk.getByTestId("dossier-status")).toHaveText("Đã thẩm định, chờ phê duyệt");
  await screenshot(desk, "officer-dossier");
  await expectAccessible(desk, "officer's dossier");
  await desk.getByRole("navigation", { name: "Chức năng" }).getByRole("link", { name: "Hồ sơ thủ tục hành chính" }).click();
  const queue = desk.getByRole("table");
  await expect(queue.getByRole("row").filter({ hasText: "Đã thẩm định, chờ phê duyệt" })).toHaveCount(1);
  await screenshot(desk, "officer-dossier-queue");
  await expectAccessible(desk, "dossier queue");

  // a colleague approves, the commune leader signs (a leader is not offered the appraisal)
  const colleague = await officer(browser, "WEB_OFFICER2_USER", dossierId);
  await act(colleague, "Phê duyệt, trình ký");
  await expect(colleague.getByTestId("dossier-status")).toHaveText("Đã phê duyệt, chờ ký quyết định");
  const leader = await officer(browser, "WEB_COMMUNE_LEADER_USER", dossierId);
  await leader.getByLabel("Thao tác", { exact: true }).click();
  await expect(leader.locator(".ant-select-dropdown:visible .ant-select-item-option")).toHaveText(["Ký quyết định", "Không phê duyệt"]);
  await leader.keyboard.press("Escape");
  await leader.getByLabel("Số quyết định", { exact: true }).fill("77/QĐ-UBND");
  await leader.getByRole("button", { name: "Ký quyết định", exact: true }).click();
  await expect(leader.getByTestId("dossier-status")).toHaveText("Đã có quyết định");
  await screenshot(leader, "leader-dossier-decided");

  // the citizen sees the result on the phone
  await phone.getByRole("button", { name: "Cập nhật tình trạng" }).click();
  await expect(phone.getByTestId("dossier-status")).toHaveText("Đã có quyết định");
  await expect(phone.getByTestId("dossier-details")).toContainText("77/QĐ-UBND");
  await expect(phone.getByRole("region", { name: "Quá trình xử lý" })).toContainText("Ký quyết định");
  await screenshot(phone, "citizen-dossier-decided");
  await expectAccessible(phone, "citizen's decided dossier");

  // the registry worker applied the decision: the record is in the officer's search
  await desk.getByRole("navigation", { name: "Chức năng" }).getByRole("link", { name: "Đối tượng bảo trợ xã hội" }).click();
  await desk.getByLabel("Số định danh", { exact: true }).fill(env("WEB_APPLICANT_ID"));
  // the registry worker reads the dossier's decisions and the registry's own events in one
  // consumer: after the Excel cycle's import (spec 01) the decision waits behind that backlog
  const searching = Date.now();
  while (Date.now() - searching < 300_000) {
    await desk.getByRole("button", { name: "Tìm kiếm" }).click();
    await expect(desk.locator("caption")).not.toHaveText("Đang tìm…");
    if ((await desk.locator("caption").textContent()) === "Tìm thấy 1 hồ sơ") break;
    await desk.waitForTimeout(2000);
  }
  console.log(`the decision's record in the search after ${Math.round((Date.now() - searching) / 1000)} s`);
  await expect(desk.locator("caption")).toHaveText("Tìm thấy 1 hồ sơ");
  await desk.getByRole("row").nth(1).getByRole("link").click();
  await expect(desk.getByText("Số 77/QĐ-UBND").first()).toBeVisible();
  await screenshot(desk, "officer-record-from-dossier");
});
