// The officers' menu, by role: each page lists the roles that may open it (the server checks
// every call anyway; docs/access-matrix.md).
export interface MenuEntry {
  key: string;
  path: string;
  label: string;
  roles: string[];
  /** The ministry's field of the page (ADR 0006): an account holding only the other field's
   * domain role does not see it. */
  domain?: "social_assistance" | "poverty";
}

const OFFICERS = [
  "commune_officer", "commune_leader", "district_officer", "district_leader",
  "province_officer", "province_leader", "ministry_officer", "ministry_leader", "system_admin",
];
const ACCOUNT_MANAGERS = [
  "commune_leader", "district_leader", "province_leader", "ministry_leader", "system_admin",
];
const DOSSIER_HANDLERS = [
  "commune_officer", "commune_leader", "district_officer", "district_leader", "province_officer", "province_leader",
];
const EXCEL = ["commune_officer", "commune_leader", "province_officer", "system_admin"];
const PAYMENTS = ["commune_officer", "commune_leader", "district_officer", "district_leader", "province_officer", "province_leader", "ministry_officer", "ministry_leader"];

export const OFFICER_MENU: MenuEntry[] = [
  { key: "beneficiaries", path: "/officer/beneficiaries", label: "Đối tượng bảo trợ xã hội", roles: OFFICERS, domain: "social_assistance" },
  { key: "data-quality", path: "/officer/data-quality", label: "Chất lượng dữ liệu theo đơn vị", roles: OFFICERS, domain: "social_assistance" },
  { key: "dossiers", path: "/officer/dossiers", label: "Hồ sơ thủ tục hành chính", roles: DOSSIER_HANDLERS, domain: "social_assistance" },
  { key: "excel", path: "/officer/excel", label: "Nhập, xuất tệp Excel của xã", roles: EXCEL, domain: "social_assistance" },
  { key: "payments", path: "/officer/payments", label: "Chi trả trợ cấp", roles: PAYMENTS, domain: "social_assistance" },
  { key: "poverty", path: "/officer/poverty", label: "Giảm nghèo", roles: OFFICERS, domain: "poverty" },
  { key: "reports", path: "/officer/reports", label: "Báo cáo", roles: OFFICERS, domain: "social_assistance" },
  { key: "accounts", path: "/officer/accounts", label: "Tài khoản đơn vị cấp dưới", roles: ACCOUNT_MANAGERS },
];

const DOMAIN_ROLES = { social_assistance: "domain_social_assistance", poverty: "domain_poverty" } as const;

/** An account holding domain roles reaches only those fields; one holding none reaches both. */
function inDomain(entry: MenuEntry, roles: string[]): boolean {
  const held = Object.values(DOMAIN_ROLES).filter((d) => roles.includes(d));
  return !entry.domain || held.length === 0 || roles.includes(DOMAIN_ROLES[entry.domain]);
}

export function menuFor(roles: string[]): MenuEntry[] {
  return OFFICER_MENU.filter((m) => m.roles.some((r) => roles.includes(r)) && inDomain(m, roles));
}

export function isOfficer(roles: string[]): boolean {
  return roles.some((r) => OFFICERS.includes(r));
}

export function isCitizen(roles: string[]): boolean {
  return roles.includes("citizen");
}
