// Beneficiary records (issue 16): an officer records a coefficient change with a decision and
// sees it in the history and in the "as of date" view; the data quality of their unit; a
// citizen on a phone updates their phone number, and the server refuses a policy field, an
// identity field and someone else's record (checked through the API).
import { expect, test, type Page } from "@playwright/test";
import { env, expectAccessible, login, screenshot } from "./support";

const API = "/api/v1/beneficiaries";
const PERSON_NAME = "Hoàng Văn Hệ Số";

/** The signed-in user's access token (oidc-client-ts keeps it in sessionStorage). */
async function bearer(page: Page): Promise<Record<string, string>> {
  const token = await page.evaluate(() => {
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i) ?? "";
      if (key.startsWith("oidc.user:")) return (JSON.parse(sessionStorage.getItem(key) ?? "{}") as { access_token?: string }).access_token ?? "";
    }
    return "";
  });
  expect(token).not.toBe("");
  return { Authorization: `Bearer ${token}` };
}

function newRecord(name: string, personalId: string, born: string, gender: string, condition: string, coefficient: string, number: string, ethnicity?: string) {
  return {
    person: {
      full_name: name, birth_date: born, gender, personal_id: personalId, ethnicity_code: ethnicity,
      phone: "0912000111", address: "Tổ 5",
      residence: { province_code: "01", commune_code: "00004", catalog_version: "2025" },
    },
    category_code: "5.5a", category_condition: condition, coefficient,
    decision: { number, signed_on: "2025-07-10", signing_unit_code: "00004" },
    payment: { channel_code: "CASH_COMMUNE" },
  };
}

async function pickDate(page: Page, label: string, ddmmyyyy: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press("Enter");
}

test("an officer records a coefficient change with a decision; data quality of the unit; a citizen updates their phone", async ({ page, browser }) => {
  // -- the commune officer registers two records through the API (the test's data) -------------
  await login(page, env("WEB_RECORDS_OFFICER_USER"), env("WEB_OFFICER_PASSWORD"));
  const officer = await bearer(page);
  const person = await page.request.post(API, {
    headers: officer,
    data: newRecord(PERSON_NAME, env("WEB_RECORDS_PERSON_ID"), "1945-10-03", "male", "age_60_to_80", "1.5", "31/QĐ-UBND"), // no ethnicity: a finding
  });
  expect(person.status(), await person.text()).toBe(201);
  const personRecord = (await person.json()) as { record_id: string };
  const own = await page.request.post(API, {
    headers: officer,
    data: newRecord(env("WEB_RECORDS_CITIZEN_NAME"), env("WEB_RECORDS_CITIZEN_ID"), "1940-04-02", "female", "from_80", "2.0", "32/QĐ-UBND", "01"),
  });
  expect(own.status(), await own.text()).toBe(201);
  const citizenRecord = (await own.json()) as { record_id: string };

  // -- the record page: a coefficient change with its decision ----------------------------------
  await page.goto(`/app/officer/beneficiaries/01/${personRecord.record_id}`);
  await expect(page.getByRole("heading", { name: "Hồ sơ đối tượng" })).toBeVisible();
  await expect(page.getByText("Thiếu dân tộc.")).toBeVisible(); // the record's finding
  const actions = page.getByRole("region", { name: "Ghi biến động theo quyết định" });
  await expect(actions.getByRole("tab")).toHaveText(["Thay đổi thông tin", "Thay đổi hệ số", "Thôi hưởng", "Cắt chết"]);
  await actions.getByRole("tab", { name: "Thay đổi hệ số" }).click();
  await page.getByLabel("Điều kiện theo danh mục").fill("from_80");
  await page.getByLabel("Hệ số mới").fill("2,5"); // not the catalog's coefficient for the condition
  await pickDate(page, "Ngày đủ điều kiện mới", "03/10/2025");
  await page.getByLabel("Lý do").fill("Đủ 80 tuổi");
  await page.getByLabel("Số quyết định").fill("88/QĐ-UBND");
  await pickDate(page, "Ngày ký", "20/10/2025");
  await page.getByRole("button", { name: "Ghi thay đổi hệ số" }).click();
  // the registry's 422 names the coefficient: its message stands under that field
  const coefficientItem = page.locator(".ant-form-item").filter({ has: page.getByLabel("Hệ số mới") });
  await expect(coefficientItem.locator(".ant-form-item-explain-error")).toBeVisible();
  await screenshot(page, "officer-record-change-error");
  await page.getByLabel("Hệ số mới").fill("2,0");
  await page.getByRole("button", { name: "Ghi thay đổi hệ số" }).click();
  await expect(actions.getByRole("status")).toContainText("Đã ghi thay đổi hệ số hưởng.");
  // the history shows it with its decision; the record now says 2.0
  const history = page.getByRole("region", { name: "Lịch sử biến động" });
  const changeRow = history.getByRole("row").filter({ hasText: "Thay đổi hệ số" });
  await expect(changeRow).toContainText("03/10/2025");
  await expect(changeRow).toContainText("Số 88/QĐ-UBND, ngày 20/10/2025");
  await expect(changeRow).toContainText(env("WEB_RECORDS_OFFICER_USER"));
  const coefficientCell = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Hệ số", exact: true }) });
  await expect(coefficientCell.first()).toContainText("2.0");
  await screenshot(page, "officer-record-changed");
  await expectAccessible(page, "record page with the change forms");

  // -- the as-of view: before the change the coefficient was 1.5, and no change is offered -----
  await pickDate(page, "Xem hồ sơ tại ngày", "30/09/2025");
  await expect(page.getByText("Hồ sơ tại ngày 30/09/2025")).toBeVisible();
  await expect(coefficientCell.first()).toContainText("1.5");
  await expect(page.getByRole("region", { name: "Ghi biến động theo quyết định" })).toHaveCount(0);
  await screenshot(page, "officer-record-as-of");
  await expectAccessible(page, "record as of a date");

  // -- data quality of the officer's unit (the reporting read model follows the events) --------
  const menu = page.getByRole("navigation", { name: "Chức năng" });
  await menu.getByRole("link", { name: "Chất lượng dữ liệu theo đơn vị" }).click();
  await expect(page.getByRole("heading", { name: "Chất lượng dữ liệu theo đơn vị" })).toBeVisible();
  const unitLink = page.getByRole("link", { name: "Hồ sơ cần bổ sung của đơn vị 00004" });
  const totals = page.getByRole("list", { name: "Số nhận xét theo quy tắc" });
  await expect(async () => {
    await page.reload();
    await expect(unitLink).toBeVisible({ timeout: 3_000 });
    await expect(totals).toContainText(/Thiếu dân tộc: [1-9]/, { timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  const unitRow = page.getByRole("row").filter({ has: unitLink });
  await expect(unitRow.getByRole("progressbar")).toBeVisible();
  await expect(unitRow.getByRole("cell").nth(2)).toHaveText(/^[1-9][\d.]*$/); // its active records
  await screenshot(page, "officer-data-quality");
  await expectAccessible(page, "data quality per unit");
  await unitLink.click();
  await expect(page).toHaveURL(/\/officer\/beneficiaries\?unit_code=00004&with_findings=true$/);
  await expect(page.getByLabel("Mã đơn vị")).toHaveValue("00004");
  await expect(page.getByLabel("Chỉ hồ sơ có nhận xét chất lượng dữ liệu")).toBeChecked();
  // the record lacking its ethnicity is listed, the citizen's complete record is not
  await expect(page.getByRole("link", { name: PERSON_NAME })).toBeVisible();
  await expect(page.getByRole("link", { name: env("WEB_RECORDS_CITIZEN_NAME") })).toHaveCount(0);

  // -- the citizen, on a phone, updates their phone number ---------------------------------------
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const citizen = await phone.newPage();
  await login(citizen, env("WEB_RECORDS_CITIZEN_USER"), env("WEB_RECORDS_CITIZEN_PASSWORD"));
  await citizen.waitForURL(/\/app\/portal$/);
  await expect(citizen.getByText(env("WEB_RECORDS_CITIZEN_NAME"))).toBeVisible();
  await citizen.getByRole("button", { name: "Cập nhật thông tin liên hệ" }).click();
  await expect(citizen.getByLabel("Họ và tên")).toHaveCount(0); // identity and policy fields are not offered
  await citizen.getByLabel("Số điện thoại").fill("0987654321");
  await expect(citizen.getByRole("button", { name: "Lưu thông tin liên hệ" })).toBeVisible();
  // the phone's "Go" key submits the form: a tap on the button while the panel was still
  // opening missed it once under load (the full suite), and no request was sent
  const saved = citizen.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/v1/beneficiaries/"));
  await citizen.getByLabel("Số điện thoại").press("Enter");
  expect((await saved).status()).toBe(200);
  await expect(citizen.getByRole("status")).toContainText("Đã cập nhật thông tin liên hệ.");
  const phoneRow = citizen.getByRole("row").filter({ has: citizen.getByRole("rowheader", { name: "Số điện thoại" }) });
  await expect(phoneRow.first()).toContainText("0987654321");
  expect(await citizen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(citizen, "citizen-contact-updated");
  await expectAccessible(citizen, "citizen contact form");

  // -- the server refuses what the portal does not offer ---------------------------------------
  const mine = await bearer(citizen);
  const ownPath = `${API}/01/${citizenRecord.record_id}`;
  const policy = await citizen.request.post(`${ownPath}/coefficient-change`, {
    headers: mine,
    data: { coefficient: "1.5", condition_met_on: "2025-10-03", decision: { number: "1/QĐ", signed_on: "2025-10-20", signing_unit_code: "00004" } },
  });
  expect(policy.status()).toBe(403);
  expect(((await policy.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain("coefficient");
  const payment = await citizen.request.patch(ownPath, { headers: mine, data: { payment: { channel_code: "VBSP", account_number: "0123456789" } } });
  expect(payment.status()).toBe(403);
  expect(((await payment.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["payment"]);
  const rename = await citizen.request.patch(ownPath, { headers: mine, data: { full_name: "Tên Khác" } });
  expect(rename.status()).toBe(403);
  expect(((await rename.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["full_name"]);
  const other = await citizen.request.patch(`${API}/01/${personRecord.record_id}`, { headers: mine, data: { phone: "0900000000" } });
  expect(other.status()).toBe(403);
  const after = await citizen.request.get(ownPath, { headers: mine });
  const record = ((await after.json()) as { record: { phone: string; full_name: string; coefficient: string } }).record;
  expect([record.phone, record.full_name, record.coefficient]).toEqual(["0987654321", env("WEB_RECORDS_CITIZEN_NAME"), "2.0"]);
  await phone.close();
});
