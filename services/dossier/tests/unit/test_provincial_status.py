"""TrangThaiHoSo 1–10 and the mapping from the platform's stages, kept as data."""

from __future__ import annotations

import pytest

from dossier.domain.provincial_status import parse_mapping, shipped_mapping
from dossier.domain.stages import Action, Stage

MAPPING = shipped_mapping()


def test_every_stage_maps_to_a_status_of_the_vocabulary() -> None:
    assert sorted(MAPPING.statuses) == list(range(1, 11))
    for stage in Stage:
        assert MAPPING.status(stage).code in MAPPING.statuses


@pytest.mark.parametrize(
    ("stage", "action", "code", "label"),
    [
        (Stage.SUBMITTED, None, 1, "Mới đăng ký"),
        (Stage.IN_REVIEW, Action.RECEIVE, 2, "Được tiếp nhận"),
        (Stage.IN_REVIEW, None, 4, "Đang xử lý"),
        (Stage.NOT_RECEIVED, None, 3, "Không được tiếp nhận"),
        (Stage.AWAITING_DOCUMENTS, None, 5, "Yêu cầu bổ sung giấy tờ"),
        (Stage.WITHDRAWN, None, 7, "Công dân yêu cầu rút hồ sơ"),
        (Stage.DECIDED, None, 9, "Đã xử lý xong"),
        (Stage.REJECTED, None, 9, "Đã xử lý xong"),
        (Stage.RESULT_RETURNED, None, 10, "Đã trả kết quả"),
    ],
)
def test_mapping(stage: Stage, action: Action | None, code: int, label: str) -> None:
    status = MAPPING.status(stage, action)
    assert (status.code, status.label) == (code, label)


def test_a_mapping_that_forgets_a_stage_is_refused() -> None:
    with pytest.raises(ValueError, match="withdrawn"):
        parse_mapping({"statuses": {"1": "Mới"}, "by_stage": {"submitted": 1}})


def test_every_action_has_its_command_and_label() -> None:
    from dossier.domain.commands import ACTION_OF
    from dossier.domain.stages import ACTION_LABELS

    assert sorted(ACTION_OF.values()) == sorted(Action)
    assert set(ACTION_LABELS) == set(Action)
