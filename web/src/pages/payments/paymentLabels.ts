// Vietnamese names of the payment service's codes (states, line kinds, channels).
export const LIST_STATE_LABELS: Record<string, string> = {
  draft: "Dự thảo, chờ phê duyệt",
  approved: "Đã phê duyệt",
  exported: "Đã xuất tệp chi trả",
  closed: "Đã khóa sổ",
};

export const LINE_KIND_LABELS: Record<string, string> = {
  regular: "Hằng tháng",
  arrears: "Truy lĩnh",
  funeral: "Hỗ trợ mai táng",
  carry_over: "Chi lại",
  adjustment: "Điều chỉnh",
};

export const PART_KIND_LABELS: Record<string, string> = {
  monthly_allowance: "Trợ cấp xã hội hằng tháng",
  care_support: "Hỗ trợ kinh phí chăm sóc",
  province_allowance: "Chính sách riêng của tỉnh",
  arrears: "Truy lĩnh",
  funeral_support: "Hỗ trợ chi phí mai táng",
  carried_over: "Chi lại",
  adjustment: "Điều chỉnh",
};

/** The channels of the catalog (ansinh_common.catalogs.payment_channels; a test compares them). */
export const CHANNELS: { code: string; name: string }[] = [
  { code: "CASH_COMMUNE", name: "Chi trả trực tiếp tại UBND xã" },
  { code: "VNPOST", name: "Bưu điện Việt Nam (điểm chi trả bưu điện)" },
  { code: "VBSP", name: "Ngân hàng Chính sách xã hội" },
  { code: "AGRIBANK", name: "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam" },
  { code: "VIETCOMBANK", name: "Ngân hàng TMCP Ngoại thương Việt Nam" },
  { code: "VIETINBANK", name: "Ngân hàng TMCP Công Thương Việt Nam" },
  { code: "BIDV", name: "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam" },
  { code: "LPBANK", name: "Ngân hàng TMCP Lộc Phát Việt Nam" },
  { code: "OTHER_BANK", name: "Ngân hàng khác" },
  { code: "MOMO", name: "Ví điện tử MoMo" },
  { code: "ZALOPAY", name: "Ví điện tử ZaloPay" },
  { code: "VNPTMONEY", name: "VNPT Money" },
  { code: "OTHER_WALLET", name: "Ví điện tử khác" },
  { code: "VIETTEL_MM", name: "Viettel Money (Mobile Money)" },
  { code: "VNPT_MM", name: "VNPT Mobile Money" },
  { code: "MOBIFONE_MM", name: "MobiFone Money (Mobile Money)" },
];

export function channelName(code: string): string {
  return CHANNELS.find((c) => c.code === code)?.name ?? code;
}

export const GENERATION_PHASES: Record<string, string> = {
  queued: "Đang chờ xử lý",
  generating: "Đang lập danh sách chi trả",
  done: "Hoàn tất",
};
