// Vietnamese names of the codes the API returns.
export const ROLE_LABELS: Record<string, string> = {
  citizen: "Công dân",
  commune_officer: "Cán bộ cấp xã",
  commune_leader: "Lãnh đạo cấp xã",
  district_officer: "Cán bộ cấp huyện",
  district_leader: "Lãnh đạo cấp huyện",
  province_officer: "Cán bộ cấp tỉnh",
  province_leader: "Lãnh đạo cấp tỉnh",
  ministry_officer: "Cán bộ cấp Bộ",
  ministry_leader: "Lãnh đạo cấp Bộ",
  system_admin: "Quản trị hệ thống",
};

export const STATUS_LABELS: Record<string, string> = {
  active: "Đang hưởng",
  deceased: "Đã chết",
  stopped: "Thôi hưởng",
  moved_out: "Đã chuyển đi",
};

export const GENDER_LABELS: Record<string, string> = {
  male: "Nam",
  female: "Nữ",
  GENDER_MALE: "Nam",
  GENDER_FEMALE: "Nữ",
};

export const CHANGE_LABELS: Record<string, string> = {
  new: "Tăng mới",
  death: "Cắt chết",
  stop: "Thôi hưởng",
  information: "Thay đổi thông tin",
  coefficient: "Thay đổi hệ số",
  move_out: "Chuyển đi",
  move_in: "Chuyển đến",
  move_cancelled: "Hủy chuyển",
};

export const PHASE_LABELS: Record<string, string> = {
  queued: "Đang chờ xử lý",
  reading: "Đang đọc tệp",
  validating: "Đang kiểm tra dữ liệu",
  writing: "Đang ghi dữ liệu",
  done: "Hoàn tất",
};

export function label(map: Record<string, string>, code: string | null | undefined): string {
  if (!code) return "";
  return map[code] ?? code;
}
