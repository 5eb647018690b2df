"""Registry events → the facts of one record (``adapters.registry_events``) and their
application by version (``handlers.projection``), without servers (ADR 0027)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import events_pb2
from ansinh_common.messaging import Envelope
from payment.adapters.registry_events import record_from_envelope
from payment.domain.channel_assignment import ChannelAssignment
from payment.domain.model import CareKind, Child, DisabilityLevel
from payment.domain.months import Month
from payment.domain.registry_record import RegistryRecord
from payment.service_layer.handlers.projection import project_record


def _profile(**overrides: object) -> events_pb2.PaymentProfile:
    profile = events_pb2.PaymentProfile(
        full_name="Phạm Văn Mười Một", birth_date=common_pb2.Date(year=1990, month=4, day=2),
        commune_code="00004", category_code="5.6", category_condition="especially_severe",
        coefficient="2.0",
        decision=events_pb2.Decision(number="5/QĐ-UBND", signing_unit_code="00004"),
        start_month=common_pb2.YearMonth(year=2024, month=7),
        end_month=common_pb2.YearMonth(year=2024, month=9), status="deceased",
        died_on=common_pb2.Date(year=2024, month=9, day=20), disability_level_code="1",
        care_support=[events_pb2.PaymentCareSupport(
            caregiver_kind="household", caregiver_id="HH-7", caregiver_name="Hộ ông Bảy",
            category_code="C3", condition="default", coefficient="1.0",
        )],
    )  # fmt: skip
    for name, value in overrides.items():
        setattr(profile, name, value)
    return profile


def _envelope(message: object, name: str) -> Envelope:
    data = message.SerializeToString()  # type: ignore[attr-defined]
    return Envelope(
        source="registry", type=f"ansinh.registry.v1.{name}", subject="r1", province="01", data=data
    )


def test_a_death_event_gives_the_record_as_it_is_after_the_death() -> None:
    died = events_pb2.BeneficiaryDied(
        record_id="r1", province_code="01", version=4, payment=_profile()
    )
    record = record_from_envelope(_envelope(died, "BeneficiaryDied"))
    assert record is not None
    assert (record.record_id, record.province_code, record.version) == ("r1", "01", 4)
    assert record.person_id == "record:r1"  # no personal ID number: the record is the key
    assert record.birth_date == date(1990, 4, 2) and record.died_on == date(2024, 9, 20)
    m = record.membership
    assert (m.group, m.start_month, m.end_month) == ("5.6", Month(2024, 7), Month(2024, 9))
    assert m.disability_level is DisabilityLevel.ESPECIALLY_SEVERE
    assert m.decision.number == "5/QĐ-UBND"
    [claim] = record.care_support
    assert (claim.claim_id, claim.kind, claim.payee_id) == ("r1/1", CareKind.FAMILY_CARE, "HH-7")
    assert claim.end_month == Month(2024, 9)


def test_the_person_key_is_the_personal_id_and_c2_is_paid_to_the_parent() -> None:
    profile = _profile(personal_id="001090000011")
    profile.care_support[0].category_code = "C2"
    registered = events_pb2.BeneficiaryRegistered(
        record_id="r1", province_code="01", version=1, payment=profile
    )
    record = record_from_envelope(_envelope(registered, "BeneficiaryRegistered"))
    assert record is not None and record.person_id == "001090000011"
    assert record.care_support[0].payee_id == "001090000011"


def test_a_single_parent_s_children_are_the_number_the_decision_counts() -> None:
    profile = _profile(category_code="5.4", category_condition="per_child", children=3)
    registered = events_pb2.BeneficiaryRegistered(
        record_id="r1", province_code="01", version=1, payment=profile
    )
    record = record_from_envelope(_envelope(registered, "BeneficiaryRegistered"))
    assert record is not None
    assert [c.birth_date for c in record.membership.children] == [None, None, None]


def test_events_without_a_payment_profile_are_skipped() -> None:
    refused = events_pb2.DossierDecisionRefused(record_id="r1", province_code="01")
    assert record_from_envelope(_envelope(refused, "DossierDecisionRefused")) is None
    other = Envelope(
        source="dossier", type="ansinh.dossier.v1.X", subject="d1", province="01", data=b""
    )
    assert record_from_envelope(other) is None


class FakeProjection:
    def __init__(self) -> None:
        self.records: dict[str, RegistryRecord] = {}
        self.channels: list[ChannelAssignment] = []

    def record_version(self, record_id: str) -> int | None:
        found = self.records.get(record_id)
        return found.version if found else None

    def save_record(self, record: RegistryRecord) -> None:
        self.records[record.record_id] = record

    def channel_history(self, person_id: str) -> list[ChannelAssignment]:
        return [a for a in self.channels if a.beneficiary_id == person_id]

    def add_channel(self, assignment: ChannelAssignment) -> None:
        self.channels.append(assignment)


def test_versions_decide_out_of_order_and_repeated_events_are_ignored() -> None:
    died = record_from_envelope(
        _envelope(events_pb2.BeneficiaryDied(record_id="r1", province_code="01", version=2,
                                             payment=_profile()), "BeneficiaryDied")
    )  # fmt: skip
    assert died is not None
    registered = replace(died, version=1, died_on=None)
    projection = FakeProjection()
    assert project_record(died, projection) is True
    assert project_record(registered, projection) is False  # older: arrived late
    assert project_record(died, projection) is False  # the same version again
    assert projection.records["r1"] == died
    assert project_record(None, projection) is False


def test_an_imported_record_is_owed_from_the_month_after_the_legacy_system_paid() -> None:
    profile = _profile(status="active")
    profile.ClearField("end_month")
    profile.paid_through.CopyFrom(common_pb2.YearMonth(year=2024, month=8))
    registered = events_pb2.BeneficiaryRegistered(
        record_id="r1", province_code="01", version=1, imported=True, payment=profile
    )
    record = record_from_envelope(_envelope(registered, "BeneficiaryRegistered"))
    assert record is not None
    assert record.membership.start_month == Month(2024, 9)  # registry: July; paid to August
    assert record.care_support[0].start_month == Month(2024, 9)


def test_the_record_s_channel_and_the_event_s_date_in_vietnam_are_carried() -> None:
    profile = _profile()
    profile.payment.CopyFrom(events_pb2.PaymentChannel(
        channel_code="VBSP", account_number="0011", account_holder="Phạm Văn Mười Một"
    ))  # fmt: skip
    died = events_pb2.BeneficiaryDied(record_id="r1", province_code="01", version=2,
                                      payment=profile)  # fmt: skip
    envelope = replace(
        _envelope(died, "BeneficiaryDied"), time=datetime(2024, 9, 30, 18, 0, tzinfo=UTC)
    )
    record = record_from_envelope(envelope)
    assert record is not None and record.channel is not None
    assert (record.channel.channel_code, record.channel.account_number) == ("VBSP", "0011")
    assert record.changed_on == date(2024, 10, 1)  # 01:00 on 1 October in Hà Nội
    projection = FakeProjection()
    assert project_record(record, projection)
    assert projection.channels == [
        ChannelAssignment("record:r1", "VBSP", Month(2024, 7), None, "0011", "Phạm Văn Mười Một")
    ]


def test_a_c2_link_is_paid_by_the_decision_s_condition() -> None:
    profile = _profile(category_condition="severe")
    profile.disability_level_code = "2"
    del profile.care_support[:]
    profile.care_support.append(events_pb2.PaymentCareSupport(
        caregiver_kind="person", caregiver_id="x", caregiver_name="Tự nhận",
        category_code="C2", condition="pregnant_and_one_child_or_two_plus", coefficient="2.0",
    ))  # fmt: skip
    profile.personal_id = "001195000123"
    died = events_pb2.BeneficiaryDied(record_id="r1", province_code="01", version=2,
                                      payment=profile)  # fmt: skip
    record = record_from_envelope(_envelope(died, "BeneficiaryDied"))
    assert record is not None
    [c2] = record.care_support
    assert (c2.kind, c2.payee_id) == (CareKind.DISABLED_PARENT, "001195000123")
    assert c2.children == (Child(None), Child(None))  # two counted by the decision
