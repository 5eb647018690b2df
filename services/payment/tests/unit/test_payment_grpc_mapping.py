"""Bad input at the payment API's edge is a 422 naming the field (never a 500 later on)."""

from __future__ import annotations

import pytest

from ansinh.common.v1 import common_pb2
from ansinh.payment.v1 import payment_pb2 as pb
from ansinh_common.errors import InvalidInput
from payment.domain.months import Month
from payment.domain.policy import HigherStandardLevel, ProvinceAllowance
from payment.entrypoints.grpc_mapping import month_of, setting_from_pb, setting_to_pb

SIGNED = common_pb2.Date(year=2024, month=6, day=10)


@pytest.mark.parametrize("text", ["07/2024", "2024-7", "2024-13", "1999-12", "", "abcd-ef"])
def test_a_malformed_month_names_its_field(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        month_of(text, "valid_from")
    assert [e.field for e in caught.value.errors] == ["valid_from"]


def test_a_month_and_an_optional_empty_one() -> None:
    assert month_of("2024-07", "month") == Month(2024, 7)
    assert month_of(" ", "month", required=False) is None


@pytest.mark.parametrize("coefficient", ["123456", "0.125", "0", "x"])
def test_an_allowance_coefficient_out_of_range_is_refused(coefficient: str) -> None:
    setting = pb.ProvinceSetting(kind="allowance", key="NB-130", name="Hỗ trợ thêm",
                                 effective_from="2025-01", coefficient=coefficient,
                                 resolution_number="130/2021/NQ-HĐND",
                                 resolution_signed_on=SIGNED)  # fmt: skip
    with pytest.raises(InvalidInput) as caught:
        setting_from_pb(setting)
    assert [e.field for e in caught.value.errors] == ["setting.coefficient"]


def test_settings_round_trip() -> None:
    level = pb.ProvinceSetting(
        kind="standard_level", effective_from="2025-09", amount_vnd=600_000,
        resolution_number="130/2021/NQ-HĐND", resolution_signed_on=SIGNED,
    )  # fmt: skip
    found = setting_from_pb(level)
    assert isinstance(found, HigherStandardLevel) and found.amount == 600_000
    assert setting_to_pb(found, Month(2025, 9)).used_through == "2025-09"
    allowance = pb.ProvinceSetting(kind="allowance", key="NB-130", name="Hỗ trợ thêm",
                                   groups=["5.5a"], effective_from="2025-01", coefficient="0.5",
                                   resolution_number="130/2021/NQ-HĐND",
                                   resolution_signed_on=SIGNED)  # fmt: skip
    made = setting_from_pb(allowance)
    assert isinstance(made, ProvinceAllowance) and made.groups == frozenset({"5.5a"})
    assert setting_to_pb(made) == allowance


def test_a_missing_signing_date_and_a_wrong_kind_are_named() -> None:
    with pytest.raises(InvalidInput) as caught:
        setting_from_pb(pb.ProvinceSetting(kind="level", effective_from="2025-01"))
    assert {e.field for e in caught.value.errors} == {
        "setting.resolution_signed_on", "setting.kind"}  # fmt: skip
