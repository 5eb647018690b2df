"""Topic names: ``ansinh.<service>.<entity>.v<version>``."""

from __future__ import annotations

import re

_PART = re.compile(r"^[a-z][a-z0-9_-]*$")
DLQ_SUFFIX = ".dlq"


def topic_name(service: str, entity: str, version: int = 1) -> str:
    """``topic_name("dossier", "dossier")`` → ``"ansinh.dossier.dossier.v1"``."""
    for label, part in (("service", service), ("entity", entity)):
        if not _PART.match(part):
            raise ValueError(f"invalid {label} {part!r}: use lowercase letters, digits, - or _")
    if version < 1:
        raise ValueError(f"invalid version {version}")
    return f"ansinh.{service}.{entity}.v{version}"


def dlq_topic_name(topic: str) -> str:
    """The dead-letter topic of ``topic``: ``<topic>.dlq``."""
    return topic + DLQ_SUFFIX
