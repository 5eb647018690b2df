// Payments (issue 16): a commune officer generates the month (a job: the progress bar), reads
// each line's computation, is not offered the approval and is refused it by the server; the
// commune's leader (a different person) approves; the officer exports the cash channel's CSV
// and Excel files (the checksum line checked), imports a results file (its row errors shown,
// then a good one), reads the reconciliation; the leader closes the month; the beneficiary sees
// the payment in their history on a phone. axe on every page.
import { expect, test, type Browser, type Download, type Page } from "@playwright/test";
import { readFileSync, writeFileSync } from "node:fs";
import { env, expectAccessible, login, screenshot } from "./support";

test.setTimeout(300_000);

const RESULT_HEADERS = ["Mã dòng", "Mã đối tượng", "Số tiền (đồng)", "Kết quả", "Mã lý do", "Ngày nhận tiền", "Điểm chi trả"];

async function paymentsPage(browser: Browser, user: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
  await login(page, env(user), env("WEB_OFFICER_PASSWORD"));
  await page.getByRole("navigation", { name: "Chức năng" }).getByRole("link", { name: "Chi trả trợ cấp" }).click();
  await expect(page.getByRole("heading", { name: "Chi trả trợ cấp hằng tháng" })).toBeVisible();
  // the officer's own commune by default; the month is chosen
  await expect(page.getByLabel("Mã xã", { exact: true })).toHaveValue(env("WEB_PAY_COMMUNE"));
  const month = page.getByLabel("Tháng chi trả", { exact: true });
  await month.fill(env("WEB_PAY_MONTH"));
  await month.press("Enter");
  await expect(month).toHaveValue(env("WEB_PAY_MONTH"));
  return page;
}

async function show(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Xem danh sách" }).click();
  await expect(page.getByTestId("list-state")).toBeVisible();
}

/** A simple CSV line split (the export quotes cells holding a comma or a quote). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = "", quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
    else if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) { out.push(cur); cur = ""; }
    else cur += c;
  }
  out.push(cur);
  return out;
}

async function download(page: Page, button: string, to: string): Promise<string> {
  const waiting = page.waitForEvent("download");
  await page.getByRole("button", { name: button }).click();
  const file: Download = await waiting;
  await file.saveAs(to);
  await expect(page.getByTestId("export-checksum")).toHaveText(/^[0-9a-f]{64}$/);
  return (await page.getByTestId("export-checksum").textContent()) ?? "";
}

/** The channel's results file: every exported line paid in cash, or one amount wrong. */
function resultsFile(exported: string, wrongAmount: boolean): Buffer {
  const rows = exported.replace(/^\uFEFF/, "").split(/\r?\n/).map(cells);
  const at = rows.findIndex((r) => r.includes("Mã dòng"));
  const names = rows[at] ?? [];
  const col = (r: string[], name: string) => r[names.indexOf(name)] ?? "";
  const lines = rows.slice(at + 1).filter((r) => /^\d{12}$/.test(col(r, "Mã đối tượng")));
  const body = lines.map((r, i) => {
    const amount = wrongAmount && i === 0 ? "1" : col(r, "Số tiền (đồng)");
    return [col(r, "Mã dòng"), col(r, "Mã đối tượng"), amount, "Đã chi trả", "", "05/07/2025", "UBND-NH"].join(",");
  });
  return Buffer.from("\uFEFF" + [RESULT_HEADERS.join(","), ...body].join("\n") + "\n", "utf-8");
}

test("the officer generates the month, a leader approves, the officer exports, imports results, the leader closes", async ({ browser }) => {
  // the officer generates the list and watches the job's progress
  const officer = await paymentsPage(browser, "WEB_PAY_OFFICER_USER");
  await officer.getByRole("button", { name: "Xem danh sách" }).click();
  await expect(officer.getByRole("alert")).toHaveText(`Chưa lập danh sách chi trả tháng ${env("WEB_PAY_MONTH")} của xã ${env("WEB_PAY_COMMUNE")}.`);
  await officer.getByRole("button", { name: "Lập danh sách chi trả" }).click();
  await expect(officer.getByTestId("generation-progress")).toBeVisible();
  await expect(officer.getByRole("status").filter({ hasText: "Đã lập danh sách chi trả." })).toBeVisible();
  await expect(officer.getByTestId("generation-progress")).toHaveAttribute("aria-valuenow", "100");
  await expect(officer.locator("#generation-phase")).toHaveText("Hoàn tất");
  await expect(officer.getByTestId("list-state")).toHaveText("Dự thảo, chờ phê duyệt");
  await expect(officer.getByTestId("list-total")).toHaveText("2.000.000 ₫");
  const lines = officer.getByTestId("payment-lines");
  await expect(lines.locator("caption")).toHaveText("Danh sách chi trả: 2 dòng");
  await expect(lines).toContainText("Hoàng Thị Chi Trả 1");
  await expect(lines).toContainText("1.000.000 ₫");
  await screenshot(officer, "officer-payments-generated");
  await expectAccessible(officer, "payment list (draft)");

  // each line's computation: group, coefficient, standard level, legal basis
  await lines.locator(".ant-table-row-expand-icon").first().click();
  const computation = officer.getByTestId("line-computation").first();
  await expect(computation).toContainText("Trợ cấp xã hội hằng tháng");
  await expect(computation).toContainText("5.5a");
  await expect(computation).toContainText("2,0");
  await expect(computation).toContainText("500.000 ₫");
  await expect(computation).toContainText("Nghị định 20/2021/NĐ-CP, Điều 6, khoản 1, điểm đ");
  await expect(computation).toContainText("Từ đủ 80 tuổi");
  await expect(computation).not.toContainText("from_80");
  await expect(computation).not.toContainText("Decree");
  await screenshot(officer, "officer-payments-line");
  await expectAccessible(officer, "a line's computation");

  // the preparer is not offered the approval, and the server refuses it anyway
  await expect(officer.getByRole("button", { name: "Phê duyệt danh sách" })).toHaveCount(0);
  const token = await officer.evaluate(() => {
    const k = Object.keys(sessionStorage).find((key) => key.startsWith("oidc.user:"));
    return k ? (JSON.parse(sessionStorage.getItem(k) ?? "{}") as { access_token: string }).access_token : "";
  });
  const listPath = `/api/v1/payments/lists/${env("WEB_PAY_COMMUNE")}/${env("WEB_PAY_MONTH").slice(3)}-${env("WEB_PAY_MONTH").slice(0, 2)}`;
  const refused = await officer.request.post(`${listPath}/approval`, { headers: { Authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { detail: string }).detail).not.toBe("");

  // the commune's leader, a different person, approves
  const leader = await paymentsPage(browser, "WEB_PAY_LEADER_USER");
  await show(leader);
  await expect(leader.getByRole("button", { name: "Lập danh sách chi trả" })).toBeVisible();
  await leader.getByRole("button", { name: "Phê duyệt danh sách" }).click();
  await expect(leader.getByRole("status").filter({ hasText: "Đã phê duyệt danh sách chi trả." })).toBeVisible();
  await expect(leader.getByTestId("list-state")).toHaveText("Đã phê duyệt");
  await screenshot(leader, "leader-payments-approved");
  await expectAccessible(leader, "approved payment list");

  // the officer exports the cash channel: CSV and Excel, the same checksum as the file's line
  await show(officer);
  await expect(officer.getByTestId("list-state")).toHaveText("Đã phê duyệt");
  // who prepared and approved: their names (family name first), not account ids (ADR 0043)
  await expect(officer.getByTestId("list-prepared-by")).toHaveText("Trần Văn Bình (tôi)");
  await expect(officer.getByTestId("list-approved-by")).toHaveText("Nguyễn Thị Lan");
  await expect(officer.getByLabel("Hình thức chi trả", { exact: true })).toBeVisible();
  const csvChecksum = await download(officer, "Tải tệp chi trả (CSV)", env("WEB_PAY_CSV_OUT"));
  const csv = readFileSync(env("WEB_PAY_CSV_OUT"), "utf-8");
  const last = cells(csv.trimEnd().split(/\r?\n/).pop() ?? "");
  expect(last.slice(0, 6)).toEqual(["Mã kiểm tra (SHA-256)", csvChecksum, "Số dòng", "2", "Tổng số tiền", "2000000"]);
  await expect(officer.getByTestId("list-state")).toHaveText("Đã xuất tệp chi trả");
  const xlsxChecksum = await download(officer, "Tải tệp chi trả (Excel)", env("WEB_PAY_XLSX_OUT"));
  expect(xlsxChecksum).toBe(csvChecksum);
  expect(readFileSync(env("WEB_PAY_XLSX_OUT")).subarray(0, 2).toString()).toBe("PK");
  const reconciliation = officer.getByTestId("reconciliation");
  await expect(reconciliation).toContainText("Chi trả trực tiếp tại UBND xã");
  await expect(reconciliation.getByRole("row").nth(1)).toContainText("2 dòng — 2.000.000 ₫");
  await screenshot(officer, "officer-payments-exported");
  await expectAccessible(officer, "exported payment list");

  // the results file: a wrong amount is named by row and column, nothing recorded; then all paid
  const bad = `${env("WEB_PAY_CSV_OUT")}.ket-qua-sai.csv`;
  writeFileSync(bad, resultsFile(csv, true));
  await officer.locator('input[type="file"]').setInputFiles(bad);
  await officer.getByRole("button", { name: "Nhập tệp kết quả" }).click();
  const errors = officer.getByRole("table").filter({ has: officer.locator("caption", { hasText: "Lỗi theo dòng và cột của tệp kết quả" }) });
  await expect(errors).toContainText("khác số trong danh sách");
  await expect(errors).toContainText(/dòng \d+/);
  await expect(reconciliation.getByRole("row").nth(1)).toContainText("0 dòng — 0 ₫");
  const good = `${env("WEB_PAY_CSV_OUT")}.ket-qua.csv`;
  writeFileSync(good, resultsFile(csv, false));
  await officer.locator('input[type="file"]').setInputFiles(good);
  await officer.getByRole("button", { name: "Nhập tệp kết quả" }).click();
  await expect(officer.getByTestId("results-imported")).toContainText("2 đã chi trả, 0 không thành công, 0 bị trả lại");
  await expect(reconciliation.getByRole("row").nth(1).getByRole("cell").nth(2)).toHaveText("2 dòng — 2.000.000 ₫");
  await expect(officer.getByRole("button", { name: "Khóa sổ tháng" })).toHaveCount(0);

  // the leader closes the month
  await show(leader);
  await leader.getByRole("button", { name: "Khóa sổ tháng" }).click();
  await expect(leader.getByTestId("list-state")).toHaveText("Đã khóa sổ");
  await expectAccessible(leader, "closed payment month");

  // the beneficiary, on a phone, sees the month in their payment history
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })).newPage();
  await login(phone, env("WEB_PAY_CITIZEN_USER"), env("WEB_PAY_CITIZEN_PASSWORD"));
  const history = phone.getByTestId("my-payments");
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expect(history).toContainText(`Tháng ${env("WEB_PAY_MONTH")}: 1.000.000 ₫`);
  await expect(history).toContainText("Đã nhận tiền ngày 05/07/2025 — Chi trả trực tiếp tại UBND xã");
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(phone, "citizen-payments");
  await expectAccessible(phone, "citizen's payment history");
});
