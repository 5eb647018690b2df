"""Vietnamese name tables, with weights (relative frequencies).

Source and approximation
------------------------
* Kinh family names: the well-known shares of the most frequent family names in Vietnam as
  reported in surveys and press summaries of them (Nguyễn ≈ 38 %, Trần ≈ 11 %, Lê ≈ 9.5 %,
  Phạm ≈ 7 %, Hoàng/Huỳnh ≈ 5 %, Phan ≈ 4.5 %, Vũ/Võ ≈ 3.9 %, Đặng ≈ 2.1 %, Bùi ≈ 2 %,
  Đỗ ≈ 1.4 %, Hồ ≈ 1.3 %, Ngô ≈ 1.3 %, Dương ≈ 1 %, Lý ≈ 0.5 %), the rest spread over less
  frequent names by hand. Hoàng/Vũ dominate in the north, Huỳnh/Võ in the south: the table
  gives a north and a south variant of those two pairs (``KINH_FAMILY_NORTH``/``_SOUTH``).
* Middle names (tên đệm) and given names (tên): hand-made lists of frequent names for each
  gender, weights are coarse ranks (common / less common), not measured frequencies. Older
  women mostly carry "Thị", younger women more often another middle name ("Ngọc", "Thu", ...);
  :mod:`ansinh_synthpop.names` applies that by birth year.
* Ethnic-minority naming: family names typical of the H'Mông (Giàng, Sùng, Vàng, Thào ...),
  Thái (Lò, Lường, Quàng, Cầm ...), Tày/Nùng (Hoàng, Nông, Lục, Ma ...), Dao (Triệu, Bàn ...),
  Mường (Bùi, Đinh, Quách ...), Khơ-me (Thạch, Sơn, Danh, Kim ...) and Central Highlands
  (Ê-đê, Gia-rai, Ba-na: Niê, Ksor, Rơ Mah, Siu ...; men "Y ...", women "H' ..." for the
  Ê-đê / Gia-rai) from ethnographic descriptions; coarse weights.

These names are for synthetic data only; no real person's record was used.
"""

from __future__ import annotations

# fmt: off
# (name, weight); weights are per mille where measured, coarse ranks otherwise.
_KINH_FAMILY_COMMON: tuple[tuple[str, float], ...] = (
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Phan", 45),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 8),
    ("Đào", 7),
    ("Trương", 7),
    ("Lương", 5),
    ("Mai", 5),
    ("Tô", 3),
    ("Cao", 5),
    ("Lâm", 4),
    ("Tạ", 3),
    ("Hà", 5),
    ("Chu", 3),
    ("Trịnh", 5),
    ("Đoàn", 5),
    ("Tăng", 2),
    ("Lưu", 3),
    ("Kiều", 2),
    ("Thái", 2),
    ("Châu", 2),
    ("Quách", 1),
    ("Văn", 2),
    ("Triệu", 2),
    ("Khúc", 1),
    ("Lạc", 1),
    ("Mạc", 1),
    ("Tống", 2),
    ("La", 1),
    ("Vương", 2),
    ("Nghiêm", 1),
)

KINH_FAMILY_NORTH: tuple[tuple[str, float], ...] = (
    *_KINH_FAMILY_COMMON,
    ("Hoàng", 42),
    ("Huỳnh", 8),
    ("Vũ", 30),
    ("Võ", 9),
)

KINH_FAMILY_SOUTH: tuple[tuple[str, float], ...] = (
    *_KINH_FAMILY_COMMON,
    ("Hoàng", 12),
    ("Huỳnh", 38),
    ("Vũ", 9),
    ("Võ", 30),
)

MIDDLE_MALE: tuple[tuple[str, float], ...] = (
    ("Văn", 50),
    ("Đức", 8),
    ("Minh", 8),
    ("Hữu", 6),
    ("Quang", 6),
    ("Công", 4),
    ("Xuân", 3),
    ("Thanh", 4),
    ("Ngọc", 3),
    ("Đình", 4),
    ("Tiến", 2),
    ("Hoàng", 3),
    ("Trọng", 3),
    ("Bá", 2),
    ("Gia", 3),
    ("Quốc", 4),
    ("Thành", 2),
    ("Anh", 2),
    ("Tuấn", 1),
    ("Mạnh", 2),
)

# Women born before 1975 carry "Thị" far more often than later cohorts.
MIDDLE_FEMALE_OLD: tuple[tuple[str, float], ...] = (
    ("Thị", 85),
    ("Ngọc", 3),
    ("Thu", 2),
    ("Thanh", 2),
    ("Kim", 3),
    ("Hồng", 2),
    ("Xuân", 2),
    ("Minh", 1),
)

MIDDLE_FEMALE_YOUNG: tuple[tuple[str, float], ...] = (
    ("Thị", 40),
    ("Ngọc", 10),
    ("Thu", 6),
    ("Thanh", 5),
    ("Minh", 5),
    ("Kim", 4),
    ("Hồng", 4),
    ("Phương", 4),
    ("Khánh", 4),
    ("Bảo", 4),
    ("Mai", 3),
    ("Diệu", 2),
    ("Hải", 2),
    ("Gia", 3),
    ("Quỳnh", 2),
    ("Tuệ", 2),
)

GIVEN_MALE: tuple[tuple[str, float], ...] = (
    ("Anh", 10), ("Hùng", 9), ("Dũng", 9), ("Tuấn", 9), ("Minh", 9), ("Hải", 8),
    ("Hoàng", 6), ("Long", 8), ("Nam", 8), ("Thắng", 7), ("Hiếu", 6), ("Trung", 7),
    ("Cường", 7), ("Sơn", 7), ("Quang", 6), ("Đức", 6), ("Phong", 5), ("Tùng", 5),
    ("Khánh", 5), ("Huy", 8), ("Bình", 6), ("Thành", 7), ("Việt", 5), ("Tâm", 4),
    ("Phúc", 5), ("Lâm", 4), ("Hưng", 5), ("Kiên", 4), ("Toàn", 4), ("Thanh", 4),
    ("Quân", 6), ("Đạt", 6), ("Khoa", 5), ("Bảo", 5), ("Duy", 5), ("Hòa", 4),
    ("Lộc", 4), ("Tài", 4), ("Thịnh", 4), ("Vinh", 5), ("Nghĩa", 4), ("Chiến", 4),
    ("Hậu", 3), ("Lợi", 3), ("Phương", 3), ("Sang", 3), ("Tân", 3), ("Thái", 3),
    ("Thông", 3), ("Tiến", 4), ("Trí", 3), ("Tú", 3), ("Vũ", 3), ("Đông", 3),
    ("Hiển", 2), ("Khải", 2), ("Mạnh", 4), ("Nhân", 3), ("Quý", 3), ("Tấn", 2),
    ("Thuận", 3), ("Trọng", 2), ("Vương", 2), ("Xuân", 2), ("Ánh", 1), ("Định", 2),
    ("Bằng", 2), ("Chung", 2), ("Giang", 2), ("Hạnh", 1), ("Kha", 1), ("Luân", 2),
    ("Nhật", 3), ("Phát", 3), ("Sỹ", 2), ("Thiện", 3), ("Tín", 3), ("Trường", 3),
)

GIVEN_FEMALE: tuple[tuple[str, float], ...] = (
    ("Hương", 9), ("Lan", 8), ("Linh", 9), ("Hoa", 8), ("Hà", 8), ("Mai", 8),
    ("Trang", 9), ("Thảo", 8), ("Hằng", 7), ("Huyền", 7), ("Nga", 6), ("Ngọc", 6),
    ("Phương", 7), ("Thủy", 7), ("Yến", 6), ("Nhung", 5), ("Hạnh", 6), ("Loan", 5),
    ("Hiền", 6), ("Thu", 5), ("Vân", 5), ("Dung", 5), ("Anh", 8), ("Oanh", 4),
    ("Tuyết", 4), ("Liên", 4), ("Quyên", 3), ("Nhàn", 3), ("Lệ", 3), ("Thúy", 5),
    ("Ly", 4), ("Nhi", 6), ("Vy", 6), ("Châu", 3), ("Diệp", 2), ("Giang", 4),
    ("Hồng", 5), ("Khánh", 3), ("Lý", 2), ("My", 5), ("Nguyệt", 3), ("Nhân", 2),
    ("Quỳnh", 5), ("Tâm", 4), ("Thanh", 5), ("Thơ", 3), ("Trinh", 4), ("Uyên", 4),
    ("Xuân", 4), ("Bích", 3), ("Cúc", 3), ("Đào", 3), ("Gấm", 2), ("Hòa", 3),
    ("Lài", 2), ("Lụa", 2), ("Mận", 2), ("Nụ", 2), ("Sen", 3), ("Tám", 2),
    ("Tươi", 2), ("Xoan", 2), ("Hậu", 2), ("Ngân", 4), ("Phượng", 3), ("Chi", 4),
    ("Diệu", 2), ("Hân", 4), ("An", 4), ("Tiên", 3), ("Trâm", 3), ("Duyên", 3),
)

# --- ethnic-minority naming groups -------------------------------------------------------

MONG_FAMILY: tuple[tuple[str, float], ...] = (
    ("Giàng", 20), ("Sùng", 15), ("Vàng", 15), ("Thào", 12), ("Lý", 10), ("Hạng", 8),
    ("Mùa", 8), ("Lầu", 6), ("Hầu", 5), ("Vừ", 5), ("Tráng", 4), ("Chảo", 3),
)
MONG_MIDDLE_MALE: tuple[tuple[str, float], ...] = (("A", 60), ("Seo", 25), ("Văn", 15))
MONG_MIDDLE_FEMALE: tuple[tuple[str, float], ...] = (("Thị", 70), ("Seo", 10), ("Mỷ", 5))
MONG_GIVEN_MALE: tuple[tuple[str, float], ...] = (
    ("Páo", 8), ("Chứ", 6), ("Dình", 6), ("Sử", 6), ("Lử", 5), ("Chu", 5), ("Pó", 5),
    ("Tủa", 5), ("Vư", 4), ("Nhè", 4), ("Sính", 4), ("Khua", 4), ("Dế", 4), ("Xá", 3),
)
MONG_GIVEN_FEMALE: tuple[tuple[str, float], ...] = (
    ("Mỷ", 8), ("Dợ", 6), ("Chu", 6), ("Mai", 5), ("Sua", 5), ("Pàng", 5), ("Say", 5),
    ("Dính", 4), ("Lan", 4), ("Súa", 4), ("Ly", 4), ("Máy", 4), ("Chá", 3), ("Vá", 3),
)

THAI_FAMILY: tuple[tuple[str, float], ...] = (
    ("Lò", 20), ("Lường", 15), ("Quàng", 12), ("Cầm", 10), ("Vi", 8), ("Hà", 10),
    ("Tòng", 8), ("Lự", 5), ("Điêu", 5), ("Mạc", 3), ("Lê", 4),
)
TAY_NUNG_FAMILY: tuple[tuple[str, float], ...] = (
    ("Hoàng", 20), ("Nông", 15), ("Lục", 8), ("Ma", 8), ("Hà", 8), ("Lương", 8),
    ("Triệu", 7), ("Bế", 6), ("La", 5), ("Đàm", 5), ("Lăng", 4), ("Chu", 4), ("Vi", 4),
    ("Nguyễn", 8), ("Hứa", 3), ("Lâm", 3),
)
DAO_FAMILY: tuple[tuple[str, float], ...] = (
    ("Triệu", 30), ("Bàn", 25), ("Đặng", 15), ("Lý", 12), ("Phùng", 8), ("Chảo", 6),
    ("Tẩn", 4),
)
MUONG_FAMILY: tuple[tuple[str, float], ...] = (
    ("Bùi", 35), ("Đinh", 20), ("Quách", 12), ("Hà", 10), ("Xa", 6), ("Nguyễn", 10),
    ("Phạm", 7),
)

KHMER_FAMILY: tuple[tuple[str, float], ...] = (
    ("Thạch", 30), ("Sơn", 20), ("Danh", 15), ("Kim", 10), ("Lâm", 8), ("Châu", 6),
    ("Lý", 6), ("Huỳnh", 5),
)
KHMER_GIVEN_MALE: tuple[tuple[str, float], ...] = (
    ("Sóc", 5), ("Sa Rết", 4), ("Sa Ri", 4), ("Phol", 4), ("Sơ Ni", 3), ("Chanh Đa", 3),
    ("Văn Thol", 3), ("Thươl", 3), ("Rinh", 3), ("Khol", 3), ("Pích", 3), ("Nam", 3),
    ("Ry", 3), ("Sà Rươne", 2),
)
KHMER_GIVEN_FEMALE: tuple[tuple[str, float], ...] = (
    ("Thị Sa Ra", 4), ("Thị Phol", 3), ("Thị Sô Phi", 3), ("Thị Mây", 3), ("Thị Nang", 3),
    ("Thị Sóc Khom", 2), ("Thị Chanh Thu", 3), ("Thị Sa Vy", 3), ("Thị Ry", 3),
    ("Thị Đa Ra", 3), ("Thị Kim Yến", 2), ("Thị Sen", 2),
)

HIGHLANDS_FAMILY: tuple[tuple[str, float], ...] = (
    ("Niê", 15), ("Ksor", 15), ("Rơ Mah", 12), ("Siu", 10), ("Rơ Lan", 8), ("Kpă", 6),
    ("Nay", 8), ("Êban", 6), ("Mlô", 5), ("Byă", 4), ("Đinh", 6), ("Puih", 5),
)
HIGHLANDS_GIVEN_MALE: tuple[tuple[str, float], ...] = (
    ("Y Blin", 3), ("Y Bhin", 3), ("Y Ngông", 3), ("Y Khuê", 3), ("Y Thoan", 3),
    ("Y Wang", 3), ("Y Sơn", 3), ("Y Kô", 2), ("Ama Hoan", 2), ("Y Phi", 3),
    ("Y Bih", 3), ("Y Ni", 2),
)
HIGHLANDS_GIVEN_FEMALE: tuple[tuple[str, float], ...] = (
    ("H'Hen", 3), ("H'Lan", 3), ("H'Ngân", 3), ("H'Bia", 3), ("H'Nguyên", 3),
    ("H'Ren", 2), ("H'Yim", 2), ("H'Linh", 3), ("H'Mai", 3), ("H'Nhi", 2),
    ("H'Uyên", 2), ("H'Ly", 3),
)
# fmt: on
