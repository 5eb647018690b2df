"""Reading an uploaded file whole, with the size limit (413) and the empty-file check."""

from __future__ import annotations

from fastapi import UploadFile, status
from starlette.exceptions import HTTPException

from ansinh_common.errors import FieldError, InvalidInput


async def read_upload(file: UploadFile, max_bytes: int) -> bytes:
    content = await file.read(max_bytes + 1)
    if len(content) > max_bytes:
        limit = f"{max_bytes / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            detail=f"Tệp vượt giới hạn {limit} MB cho một lần tải lên. "
            "Hãy chia danh sách thành nhiều tệp nhỏ hơn.",
        )
    if not content:
        raise InvalidInput(errors=[FieldError("file", "Tệp rỗng.", "required")])
    return content
