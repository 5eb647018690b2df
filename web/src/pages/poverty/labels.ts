// Vietnamese labels of the poverty review (docs/poverty.md): steps, case states, requests.
export const STEPS: { step: number; title: string }[] = [
  { step: 1, title: "Lập danh sách hộ cần rà soát" },
  { step: 2, title: "Nhận diện nhanh và khảo sát, chấm điểm" },
  { step: 3, title: "Họp dân thôn" },
  { step: 4, title: "Niêm yết công khai" },
  { step: 5, title: "Ý kiến của Chủ tịch UBND cấp huyện" },
  { step: 6, title: "Quyết định của Chủ tịch UBND cấp xã" },
];

export const CASE_STATES: Record<string, string> = {
  listed: "Chờ nhận diện, khảo sát",
  ready: "Chờ họp dân",
  approved: "Đã thông qua họp dân",
  decided: "Đã quyết định",
};

export const REQUEST_FORMS: Record<string, string> = {
  mau_01: "Mẫu 01 — đề nghị rà soát",
  mau_04: "Mẫu 04 — đề nghị công nhận thoát nghèo, thoát cận nghèo",
};

export const CHANNELS: Record<string, string> = { online: "Trực tuyến", commune: "Tại xã", post: "Qua bưu điện" };

export const KINDS: Record<string, string> = {
  annual: "Rà soát định kỳ hằng năm",
  regular: "Rà soát thường xuyên",
};

export const REPORT_KINDS: Record<string, string> = {
  monthly: "Báo cáo tháng",
  annual_preliminary: "Báo cáo sơ bộ năm",
  annual_official: "Báo cáo chính thức năm",
};

/** The steps of a review under its administrative model (step 5 only with three levels). */
export function stepsOf(model: string | undefined): { step: number; title: string }[] {
  return model === "three_level" ? STEPS : STEPS.filter((s) => s.step !== 5);
}
