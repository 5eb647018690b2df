"""Attachments on the filesystem, content-addressed by SHA-256 (``<root>/ab/cd/<sha256>``).

Written to a temporary file in the same directory and renamed (a reader never sees half a
file); the same content is stored once. An S3-compatible store would implement the same port.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from dossier.service_layer.ports import StoredFile


class FilesystemAttachmentStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, content: bytes) -> StoredFile:
        digest = hashlib.sha256(content).hexdigest()
        path = self._path(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(content)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return StoredFile(key=digest, sha256=digest, size_bytes=len(content))

    def get(self, key: str) -> bytes:
        content = self._path(key).read_bytes()
        if hashlib.sha256(content).hexdigest() != key:
            raise OSError(f"attachment {key} is corrupt (checksum differs)")
        return content
