"""Byte-reproducible .xlsx files.

openpyxl stamps the save time into ``docProps/core.xml`` (``dcterms:modified``, and
``dcterms:created`` unless set) and the zip entries carry the file-system time of the moment
they were written. :func:`make_deterministic` rewrites a saved workbook so that the same content
always gives the same bytes: both document dates are set to ``timestamp`` and every zip entry
gets the same date, permissions and compression, in the order openpyxl wrote them. Entries
are streamed, so a large sheet is never held in memory.

It can also give worksheets their ``<dimension>`` (the used range), which openpyxl's
write-only mode cannot write (it writes the sheet's head before the rows): see
:func:`insert_dimension`.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import IO
from xml.sax.saxutils import quoteattr

DEFAULT_TIMESTAMP = datetime(2025, 1, 1, 0, 0, 0)
_CORE = "docProps/core.xml"
_DATE_RE = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
_CHUNK = 1 << 20
# CT_Worksheet order: sheetPr, dimension, sheetViews, sheetFormatPr, cols, sheetData, …
_AFTER_DIMENSION = re.compile(rb"<(sheetViews|sheetFormatPr|cols|sheetData)[\s>/]")
_DIMENSION = re.compile(rb"<dimension\b[^>]*/>")
_RANGE = re.compile(r"[A-Z]{1,3}[1-9][0-9]*(:[A-Z]{1,3}[1-9][0-9]*)?")


def _fix_core(xml: bytes, timestamp: datetime) -> bytes:
    stamp = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return _DATE_RE.sub(lambda m: m.group(1) + stamp + m.group(3), xml)


def insert_dimension(head: bytes, ref: str) -> bytes:
    """The start of a worksheet's XML with ``<dimension ref="…"/>`` in its place (replacing
    one already there). ``head`` must reach past the start of ``<sheetData``."""
    if not _RANGE.fullmatch(ref):
        raise ValueError(f"not a cell range: {ref!r}")
    element = b"<dimension ref=" + quoteattr(ref).encode() + b"/>"
    if _DIMENSION.search(head):
        return _DIMENSION.sub(element, head, count=1)
    anchor = _AFTER_DIMENSION.search(head)
    if anchor is None:
        raise ValueError("no <sheetViews>, <sheetFormatPr>, <cols> or <sheetData> in the sheet")
    return head[: anchor.start()] + element + head[anchor.start() :]


def _copy_sheet(src: IO[bytes], dst: IO[bytes], ref: str) -> None:
    head = b""
    while b"<sheetData" not in head and (chunk := src.read(_CHUNK)):
        head += chunk
    dst.write(insert_dimension(head, ref))
    while chunk := src.read(_CHUNK):
        dst.write(chunk)


def make_deterministic(
    path: str | os.PathLike[str],
    timestamp: datetime = DEFAULT_TIMESTAMP,
    *,
    dimensions: Mapping[str, str] | None = None,
) -> None:
    """Rewrite the .xlsx at ``path`` in place with fixed dates (see module docstring).

    ``dimensions``: worksheet entry (``"xl/worksheets/sheet1.xml"``) → its used range
    (``"A1:Y112"``), written as the sheet's ``<dimension>``.
    """
    src = Path(path)
    tmp = src.with_name(src.name + ".tmp")
    date_time = (max(timestamp.year, 1980), timestamp.month, timestamp.day, 0, 0, 0)
    sheets = dict(dimensions or {})
    try:
        _rewrite(src, tmp, timestamp, date_time, sheets)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, src)


def _rewrite(
    src: Path,
    tmp: Path,
    timestamp: datetime,
    date_time: tuple[int, int, int, int, int, int],
    sheets: Mapping[str, str],
) -> None:
    with zipfile.ZipFile(src) as zin:
        missing = sheets.keys() - set(zin.namelist())
        if missing:
            raise KeyError(f"no such worksheet in {src.name}: {sorted(missing)}")
        with zipfile.ZipFile(tmp, "w") as zout:
            for info in zin.infolist():
                out = zipfile.ZipInfo(info.filename, date_time=date_time)
                out.compress_type = zipfile.ZIP_DEFLATED
                out.create_system = 0
                out.external_attr = 0o600 << 16
                if info.filename == _CORE:
                    core = _fix_core(zin.read(info.filename), timestamp)
                    zout.writestr(out, core, compresslevel=6)
                    continue
                # zlib's default level is 6; zip64 as writestr would decide it from the size
                zip64 = info.file_size * 1.05 > zipfile.ZIP64_LIMIT
                with zin.open(info) as data, zout.open(out, "w", force_zip64=zip64) as dst:
                    if info.filename in sheets:
                        _copy_sheet(data, dst, sheets[info.filename])
                    else:
                        while chunk := data.read(_CHUNK):
                            dst.write(chunk)
