"""Byte-reproducible .xlsx files.

openpyxl stamps the save time into ``docProps/core.xml`` (``dcterms:modified``, and
``dcterms:created`` unless set) and the zip entries carry the file-system time of the moment
they were written. :func:`make_deterministic` rewrites a saved workbook so that the same content
always gives the same bytes: both document dates are set to ``timestamp`` and every zip entry
gets the same date, permissions and compression, in the order openpyxl wrote them.
"""

from __future__ import annotations

import os
import re
import zipfile
from datetime import datetime
from pathlib import Path

DEFAULT_TIMESTAMP = datetime(2025, 1, 1, 0, 0, 0)
_CORE = "docProps/core.xml"
_DATE_RE = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def _fix_core(xml: bytes, timestamp: datetime) -> bytes:
    stamp = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return _DATE_RE.sub(lambda m: m.group(1) + stamp + m.group(3), xml)


def make_deterministic(
    path: str | os.PathLike[str], timestamp: datetime = DEFAULT_TIMESTAMP
) -> None:
    """Rewrite the .xlsx at ``path`` in place with fixed dates (see module docstring)."""
    src = Path(path)
    tmp = src.with_name(src.name + ".tmp")
    date_time = (max(timestamp.year, 1980), timestamp.month, timestamp.day, 0, 0, 0)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == _CORE:
                data = _fix_core(data, timestamp)
            out = zipfile.ZipInfo(info.filename, date_time=date_time)
            out.compress_type = zipfile.ZIP_DEFLATED
            out.create_system = 0
            out.external_attr = 0o600 << 16
            zout.writestr(out, data, compresslevel=6)
    os.replace(tmp, src)
