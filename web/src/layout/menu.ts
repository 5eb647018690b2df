// The officers' menu, by role: each page lists the roles that may open it (the server checks
// every call anyway; docs/access-matrix.md).
export interface MenuEntry {
  key: string;
  path: string;
  label: string;
  roles: string[];
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

export const OFFICER_MENU: MenuEntry[] = [
  { key: "beneficiaries", path: "/officer/beneficiaries", label: "Đối tượng bảo trợ xã hội", roles: OFFICERS },
  { key: "dossiers", path: "/officer/dossiers", label: "Hồ sơ thủ tục hành chính", roles: DOSSIER_HANDLERS },
  { key: "excel", path: "/officer/excel", label: "Nhập, xuất tệp Excel của xã", roles: EXCEL },
  { key: "accounts", path: "/officer/accounts", label: "Tài khoản đơn vị cấp dưới", roles: ACCOUNT_MANAGERS },
];

export function menuFor(roles: string[]): MenuEntry[] {
  return OFFICER_MENU.filter((m) => m.roles.some((r) => roles.includes(r)));
}

export function isOfficer(roles: string[]): boolean {
  return roles.some((r) => OFFICERS.includes(r));
}

export function isCitizen(roles: string[]): boolean {
  return roles.includes("citizen");
}
