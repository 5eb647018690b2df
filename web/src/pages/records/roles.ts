// Who may record changes with a decision on a beneficiary record (ADR 0006, docs/access-matrix.md):
// officers and leaders of the record's unit or a unit above it (the registry checks the unit and
// refuses anyone else); a citizen changes the contact details of their own record only.
const WRITERS = [
  "commune_officer", "commune_leader", "district_officer", "district_leader",
  "province_officer", "province_leader", "ministry_officer", "ministry_leader",
];

/** Officers and leaders of the social-assistance field (an account holding only the poverty
 * domain role does not work on beneficiary records). */
export function mayChangeRecords(roles: string[]): boolean {
  const poverty_only = roles.includes("domain_poverty") && !roles.includes("domain_social_assistance");
  return !poverty_only && roles.some((r) => WRITERS.includes(r));
}
