import unicodedata

import pytest

from identity.domain.names import name_key, same_letters, same_name, strip_marks


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nguyễn Văn An", "nguyễn văn an"),  # case
        ("Nguyễn  Văn   An ", " Nguyễn Văn An"),  # spacing
        ("Nguyễn Văn An", unicodedata.normalize("NFD", "Nguyễn Văn An")),  # Unicode form
        ("Lê Thị Hòa", "Lê Thị Hoà"),  # old / new tone position
        ("Trần Thủy", "Trần Thuỷ"),
        ("Đỗ Khỏe", "Đỗ Khoẻ"),
        ("NGUYỄN THỊ THÚY", "Nguyễn Thị Thuý"),
    ],
)
def test_same_name_despite_case_spacing_form_and_tone_position(a: str, b: str) -> None:
    assert same_name(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nguyễn Văn An", "Nguyen Van An"),  # marks missing
        ("Lê Thị Hòa", "Lê Thị Hóa"),  # another tone
        ("Đặng Văn Bình", "Dặng Văn Bình"),  # đ / d
        ("Phạm Thị Ân", "Phạm Thị Ấn"),
    ],
)
def test_names_differing_in_marks_only(a: str, b: str) -> None:
    assert not same_name(a, b)
    assert same_letters(a, b)


def test_different_names() -> None:
    assert not same_name("Nguyễn Văn An", "Nguyễn Văn Anh")
    assert not same_letters("Nguyễn Văn An", "Nguyễn Văn Anh")
    assert not same_name("Nguyễn Văn An", "Văn Nguyễn An")


def test_keys() -> None:
    assert strip_marks("  Đặng   Thị Ánh ") == "dang thi anh"
    assert name_key("Hòa") == name_key("Hoà")
