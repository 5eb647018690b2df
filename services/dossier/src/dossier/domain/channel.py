"""How a dossier reached the agency (KenhThucHien of the one-stop systems, verify)."""

from __future__ import annotations

from enum import IntEnum


class Channel(IntEnum):
    IN_PERSON = 1  # trực tiếp
    ONLINE = 2  # trực tuyến
    POSTAL = 3  # qua dịch vụ bưu chính công ích


CHANNEL_LABELS = {
    Channel.IN_PERSON: "Trực tiếp",
    Channel.ONLINE: "Trực tuyến",
    Channel.POSTAL: "Qua dịch vụ bưu chính công ích",
}
