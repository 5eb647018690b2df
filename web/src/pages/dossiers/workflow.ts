// Which workflow actions a dossier's state offers to a role (ADR 0015/0017). The dossier
// service decides every action anyway (order, role, unit, segregation of duties): this only
// keeps actions that cannot apply out of the officer's way.
export type ActionName =
  | "receive" | "refuse_receipt" | "request_documents" | "check_population" | "post_publicly"
  | "record_objection" | "forward" | "appraise" | "approve" | "reject" | "decide" | "return_result";

type Kind = "officer" | "leader";

export const ACTION_LABELS: Record<ActionName, string> = {
  receive: "Tiếp nhận hồ sơ",
  refuse_receipt: "Từ chối tiếp nhận",
  request_documents: "Yêu cầu bổ sung giấy tờ",
  check_population: "Đối chiếu CSDL quốc gia về dân cư",
  post_publicly: "Niêm yết công khai",
  record_objection: "Ghi nhận khiếu nại, tố cáo",
  forward: "Chuyển bước tiếp theo",
  appraise: "Thẩm định hồ sơ",
  approve: "Phê duyệt, trình ký",
  reject: "Không phê duyệt",
  decide: "Ký quyết định",
  return_result: "Trả kết quả",
};

const BY_STATE: Record<string, [ActionName, Kind[]][]> = {
  submitted: [["receive", ["officer"]], ["refuse_receipt", ["officer"]]],
  in_review: [
    ["check_population", ["officer"]], ["post_publicly", ["officer"]], ["forward", ["officer", "leader"]],
    ["request_documents", ["officer"]],
  ],
  posted: [["record_objection", ["officer", "leader"]], ["forward", ["officer", "leader"]]],
  objections: [["forward", ["officer", "leader"]]],
  in_appraisal: [["check_population", ["officer"]], ["appraise", ["officer"]], ["request_documents", ["officer"]]],
  appraised: [["approve", ["officer", "leader"]], ["reject", ["officer", "leader"]]],
  approved: [["decide", ["leader"]], ["reject", ["leader"]]],
  decided: [["return_result", ["officer"]]],
  rejected: [["return_result", ["officer"]]],
};

function kindsOf(roles: string[]): Set<Kind> {
  const kinds = new Set<Kind>();
  for (const r of roles) {
    if (r.endsWith("_officer")) kinds.add("officer");
    if (r.endsWith("_leader")) kinds.add("leader");
  }
  return kinds;
}

/** The actions offered on a dossier in `state` to someone holding `roles`. */
export function actionsFor(state: string, roles: string[]): ActionName[] {
  const kinds = kindsOf(roles);
  return (BY_STATE[state] ?? []).filter(([, who]) => who.some((k) => kinds.has(k))).map(([a]) => a);
}

export const DUE_LABELS: Record<string, string> = {
  on_time: "Trong hạn",
  due_soon: "Sắp đến hạn",
  overdue: "Quá hạn",
  paused: "Tạm dừng tính thời hạn",
};

export const DOSSIER_STATES: Record<string, string> = {
  submitted: "Mới đăng ký, chờ tiếp nhận",
  in_review: "Đang xem xét tại UBND cấp xã",
  awaiting_documents: "Chờ bổ sung giấy tờ",
  posted: "Đang niêm yết công khai",
  objections: "Đang giải quyết khiếu nại",
  in_appraisal: "Đang thẩm định",
  appraised: "Đã thẩm định, chờ phê duyệt",
  approved: "Đã phê duyệt, chờ ký quyết định",
  decided: "Đã có quyết định",
  rejected: "Không đủ điều kiện",
  result_returned: "Đã trả kết quả",
};
