"""The certificate of a poor or near-poor household as a PDF in Vietnamese (fpdf2).

Set in DejaVu Sans (Debian ``fonts-dejavu-core``, embedded as a subset), which covers every
Vietnamese letter with its diacritics. The layout follows the certificate's content
(``domain.certificate.CertificateContent``): number, head, residence, members, status by year.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from ansinh_common.catalogs import admin_units
from poverty.domain.certificate import CertificateContent

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = "DejaVu"


def _unit_name(code: str) -> str:
    unit = admin_units.find_unit(code, admin_units.CatalogVersion.V2025)
    return unit.name if unit is not None else code


def render_certificate(content: CertificateContent) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(f"Giấy chứng nhận hộ nghèo, hộ cận nghèo {content.number}")
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    width = pdf.epw
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(
        width,
        6,
        f"ỦY BAN NHÂN DÂN {_unit_name(content.commune_code).upper()}",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.multi_cell(
        width,
        6,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(
        width,
        8,
        "GIẤY CHỨNG NHẬN\nHỘ NGHÈO, HỘ CẬN NGHÈO",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(width, 6, content.number, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    lines = [
        f"Họ và tên chủ hộ: {content.head_name}",
        f"Dân tộc: {content.head_ethnicity}",
        f"Số định danh cá nhân: {content.head_national_id}",
        f"Nơi cư trú: {content.residence}",
    ]
    for line in lines:
        pdf.multi_cell(width, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(width, 6, "Các thành viên trong hộ:", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    with pdf.table(col_widths=(8, 40, 20, 14, 12, 26), text_align="LEFT") as table:
        table.row(
            ("TT", "Họ và tên", "Quan hệ với chủ hộ", "Năm sinh", "Giới tính", "Số định danh")
        )
        for n, m in enumerate(content.members, start=1):
            table.row((str(n), m.full_name, m.relation, str(m.birth_year), m.gender, m.national_id))
    pdf.ln(3)
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(width, 6, "Diện hộ theo từng năm:", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    with pdf.table(col_widths=(15, 30, 75), text_align="LEFT") as table:
        table.row(("Năm", "Diện hộ", "Chỉ số thiếu hụt"))
        for y in content.years:
            table.row((str(y.review_year), y.status, "; ".join(y.deprivations) or "—"))
    pdf.ln(6)
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(
        width,
        6,
        f"Ngày {content.issued_on:%d} tháng {content.issued_on:%m} năm "
        f"{content.issued_on:%Y}\nCHỦ TỊCH ỦY BAN NHÂN DÂN",
        align="R",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
