// Formats users read: dates dd/mm/yyyy, money "1.250.000 ₫", months mm/yyyy (Asia/Ho_Chi_Minh).
import dayjs from "dayjs";

export const DATE_FORMAT = "DD/MM/YYYY";
const TIME_ZONE = "Asia/Ho_Chi_Minh";
const number = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });

/** "2024-05-10" → "10/05/2024"; empty for a missing date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = dayjs(iso.slice(0, 10), "YYYY-MM-DD");
  return d.isValid() ? d.format(DATE_FORMAT) : iso;
}

/** An instant in Vietnam's time: "27/11/2026 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const parts = new Intl.DateTimeFormat("vi-VN", {
    timeZone: TIME_ZONE, day: "2-digit", month: "2-digit", year: "numeric",
    hour: "2-digit", minute: "2-digit", hour12: false,
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")} ${get("hour")}:${get("minute")}`;
}

/** "2024-06" → "06/2024". */
export function formatMonth(month: string | null | undefined): string {
  if (!month) return "";
  const [y, m] = month.split("-");
  return y && m ? `${m}/${y}` : month;
}

/** Integer VND: 1250000 → "1.250.000 ₫". */
export function formatMoney(vnd: number | string | null | undefined): string {
  if (vnd === null || vnd === undefined || vnd === "") return "";
  return `${number.format(Number(vnd))} ₫`;
}

/** Today in Vietnam as YYYY-MM-DD. */
export function todayIso(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(new Date());
}
