"""Sync mode per province: configuration data read by a pure rule."""

from __future__ import annotations

import pytest

from dossier.domain.rules import provincial_sync
from dossier.domain.rules.provincial_sync import SyncMode, parse_sync_modes, shipped_sync_modes

MODES = shipped_sync_modes()


def test_the_shipped_modes_cover_the_34_provinces_and_say_they_are_unverified() -> None:
    assert len(MODES.provinces) == 34
    assert MODES.verified is False
    assert "21" in MODES.source and "39" in MODES.source
    assert provincial_sync.LEGAL_BASIS
    assert {m for m in MODES.provinces.values()} == set(SyncMode)


@pytest.mark.parametrize(
    ("mode", "inbound", "outbound"),
    [
        (SyncMode.NONE, False, False),
        (SyncMode.ONE_WAY, True, False),
        (SyncMode.TWO_WAY, True, True),
    ],
)
def test_what_each_mode_allows(mode: SyncMode, inbound: bool, outbound: bool) -> None:
    modes = parse_sync_modes({"default_mode": "none", "provinces": {"01": mode.value}})
    assert (modes.accepts_inbound("01"), modes.publishes_outbound("01")) == (inbound, outbound)


def test_a_province_not_listed_takes_the_default() -> None:
    modes = parse_sync_modes({"default_mode": "one_way", "provinces": {"01": "two_way"}})
    assert modes.mode_of("79") is SyncMode.ONE_WAY
    assert modes.provinces_in(SyncMode.TWO_WAY) == ("01",)


def test_bad_configuration_names_every_problem() -> None:
    with pytest.raises(ValueError) as caught:
        parse_sync_modes({"default_mode": "both", "provinces": {"1": "two_way", "79": "full"}})
    message = str(caught.value)
    assert "default_mode: unknown sync mode 'both'" in message
    assert "provinces.1: a province code is two digits" in message
    assert "provinces.79: unknown sync mode 'full'" in message
