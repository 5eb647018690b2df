"""The change RPCs of RegistryService on a real server over the test shards: tăng mới, cắt
chết, thôi hưởng, thay đổi thông tin (Circular 11/2019 Art. 4.1 for citizens), thay đổi hệ số
hưởng and the start of a move — each with its decision, refused without one."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import grpc
import pytest

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import events_pb2, registry_pb2, registry_pb2_grpc
from ansinh_common.auth.principal import Principal, use_principal
from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from ansinh_common.errors import AlreadyExists, InvalidInput, PermissionDenied
from ansinh_common.grpc.client import make_channel
from ansinh_common.grpc.problem import error_from_rpc
from ansinh_common.testing_keycloak import KeycloakTestUsers
from registry.bootstrap import bootstrap
from registry.config import RegistrySettings
from registry.entrypoints.grpc_server import start

from .support import HANOI_OFFICER, Cluster

pytestmark = pytest.mark.integration

Stub = registry_pb2_grpc.RegistryServiceStub
BA_DINH_OFFICER = Principal("sub-bd", "canbo.badinh", frozenset({"commune_officer"}), "00004")
NGOC_HA_OFFICER = Principal("sub-nh", "canbo.ngocha", frozenset({"commune_officer"}), "00008")
CITIZEN_PID = make_personal_id("001", Gender.MALE, 1990, 12_345)
CITIZEN = Principal("sub-an", "congdan.an", frozenset({"citizen"}), None, CITIZEN_PID)
OTHER_CITIZEN = Principal(
    "sub-binh", "congdan.binh", frozenset({"citizen"}), None,
    make_personal_id("001", Gender.FEMALE, 1985, 54_321),
)  # fmt: skip


@pytest.fixture
def stub(cluster: Cluster) -> Iterator[Stub]:
    app = bootstrap(RegistrySettings(), router=cluster.router)
    server, port = start(app, port=0)
    channel = make_channel(f"127.0.0.1:{port}", default_timeout=60.0)
    try:
        yield registry_pb2_grpc.RegistryServiceStub(channel)
    finally:
        channel.close()
        server.stop(0).wait()
        app.close()


def pb_date(day: date) -> common_pb2.Date:
    return common_pb2.Date(year=day.year, month=day.month, day=day.day)


def decision(
    number: str = "45/QĐ-UBND", signed_on: date = date(2025, 7, 10)
) -> events_pb2.Decision:
    return events_pb2.Decision(number=number, signed_on=pb_date(signed_on), signing_unit_code="01")


def disabled_person(personal_id: str = CITIZEN_PID) -> registry_pb2.RegisterBeneficiaryRequest:
    """Nguyễn Văn An (born 1990), severe mobility disability since June 2025: group 5.6, 1.5."""
    return registry_pb2.RegisterBeneficiaryRequest(
        person=registry_pb2.PersonDetails(
            full_name="Nguyễn Văn An", birth_date=pb_date(date(1990, 5, 15)), gender="male",
            personal_id=personal_id, ethnicity_code="01",
            residence=events_pb2.Residence(
                province_code="01", commune_code="00004", catalog_version="2025"
            ),
            phone="0912000111", address="Tổ 3",
        ),
        category_code="5.6", category_condition="severe", coefficient="1.5",
        decision=decision(),
        disability=registry_pb2.DisabilityDetails(
            type_code="1", level_code="2", certified_on=pb_date(date(2025, 6, 5))
        ),
        payment=registry_pb2.PaymentDetails(channel_code="CASH_COMMUNE"),
    )  # fmt: skip


def elderly(n: int) -> registry_pb2.RegisterBeneficiaryRequest:
    """A woman from 80 (group 5.5a, 2.0) in Phường Ba Đình."""
    return registry_pb2.RegisterBeneficiaryRequest(
        person=registry_pb2.PersonDetails(
            full_name=f"Trần Thị Cụ {n}", birth_date=pb_date(date(1938, 2, 1)), gender="female",
            personal_id=make_personal_id("001", Gender.FEMALE, 1938, 600_000 + n),
            residence=events_pb2.Residence(province_code="01", commune_code="00004"),
        ),
        category_code="5.5a", category_condition="from_80", coefficient="2.0",
        decision=decision(f"{n}/QĐ-UBND"),
    )  # fmt: skip


def refused(call: object) -> grpc.RpcError:
    assert callable(call)
    with pytest.raises(grpc.RpcError) as info:
        call()
    return info.value


def test_register_then_change_information_and_coefficient_with_as_of(
    stub: Stub, signed_in: KeycloakTestUsers
) -> None:
    with use_principal(signed_in(BA_DINH_OFFICER)):
        new = stub.RegisterBeneficiary(disabled_person()).record
    assert (new.category_code, new.category_condition, new.coefficient) == ("5.6", "severe", "1.5")
    assert new.status == registry_pb2.RECORD_STATUS_ACTIVE and new.province_code == "01"
    assert (new.start_month.year, new.start_month.month) == (2025, 6)  # certificate month
    assert new.decision.number == "45/QĐ-UBND" and new.phone == "0912000111"
    rid = new.record_id

    with use_principal(signed_in(BA_DINH_OFFICER)):  # a retry with the same id creates nothing new
        retry = disabled_person()
        retry.record_id = rid
        again = stub.RegisterBeneficiary(retry)
        assert again.record.record_id == rid
        duplicate = refused(lambda: stub.RegisterBeneficiary(disabled_person()))
    assert duplicate.code() == grpc.StatusCode.ALREADY_EXISTS
    assert isinstance(error_from_rpc(duplicate), AlreadyExists)

    with use_principal(signed_in(CITIZEN)):  # the citizen's own record, personal fields: allowed
        changed = stub.ChangeInformation(
            registry_pb2.ChangeInformationRequest(
                record_id=rid, province_code="01", phone="0987654321", address="Số 5 ngõ 12",
                effective_on=pb_date(date(2025, 9, 1)),
            )
        )  # fmt: skip
        assert changed.changed and changed.record.phone == "0987654321"
        assert changed.record.address == "Số 5 ngõ 12" and changed.record.version == 2
        same = stub.ChangeInformation(
            registry_pb2.ChangeInformationRequest(
                record_id=rid, province_code="01", phone="0987654321"
            )
        )
        assert not same.changed and same.record.version == 2  # nothing differs: no change

    with use_principal(signed_in(HANOI_OFFICER)):
        raised = stub.ChangeCoefficient(
            registry_pb2.ChangeCoefficientRequest(
                record_id=rid, province_code="01", coefficient="2.0",
                condition_met_on=pb_date(date(2025, 10, 3)),
                decision=decision("77/QĐ-UBND", date(2025, 10, 20)),
                category_code="5.6", category_condition="especially_severe",
                disability=registry_pb2.DisabilityDetails(type_code="1", level_code="1"),
            )
        ).record  # fmt: skip
        assert (raised.category_condition, raised.coefficient) == ("especially_severe", "2.0")
        assert raised.disability_level_code == "1" and raised.decision.number == "77/QĐ-UBND"
        before = stub.GetRecord(
            registry_pb2.GetRecordRequest(
                record_id=rid, province_code="01", as_of=pb_date(date(2025, 9, 30))
            )
        ).record
        assert before.coefficient == "1.5" and before.phone == "0987654321"
        history = stub.GetHistory(registry_pb2.GetHistoryRequest(record_id=rid, province_code="01"))
        assert [c.kind for c in history.changes] == ["new", "information", "coefficient"]
        assert history.changes[1].actor.username == signed_in(CITIZEN).username
        changes = stub.ListChanges(  # province told by the commune
            registry_pb2.ListChangesRequest(unit_code="00004", kinds=["coefficient"])
        )
        assert [(c.record_id, c.change.kind) for c in changes.changes] == [(rid, "coefficient")]


def test_death_stop_and_move_with_their_decisions(stub: Stub, signed_in: KeycloakTestUsers) -> None:
    with use_principal(signed_in(BA_DINH_OFFICER)):
        first = stub.RegisterBeneficiary(elderly(1)).record
        second = stub.RegisterBeneficiary(elderly(2)).record
        third = stub.RegisterBeneficiary(elderly(3)).record
        died = stub.RecordDeath(
            registry_pb2.RecordDeathRequest(
                record_id=first.record_id, province_code="01",
                died_on=pb_date(date(2025, 9, 14)), decision=decision("80/QĐ-UBND"),
            )
        ).record  # fmt: skip
        assert died.status == registry_pb2.RECORD_STATUS_DECEASED
        assert (died.end_month.year, died.end_month.month) == (2025, 9)
        stopped = stub.StopBenefit(
            registry_pb2.StopBenefitRequest(
                record_id=second.record_id, province_code="01",
                stopped_on=pb_date(date(2025, 10, 2)), decision=decision("81/QĐ-UBND"),
                reason="Có lương hưu",
            )
        ).record  # fmt: skip
        assert stopped.status == registry_pb2.RECORD_STATUS_STOPPED
        history = stub.GetHistory(
            registry_pb2.GetHistoryRequest(record_id=second.record_id, province_code="01")
        )
        assert history.changes[-1].reason == "Có lương hưu"

        move_id = str(uuid.uuid4())
        move = registry_pb2.RequestMoveRequest(
            record_id=third.record_id, province_code="01",
            destination=events_pb2.Residence(province_code="04", commune_code="01273"),
            effective_on=pb_date(date(2025, 10, 15)),
            move_out_decision=decision("90/QĐ-UBND", date(2025, 10, 10)),
            move_in_decision=events_pb2.Decision(
                number="7/QĐ-UBND", signed_on=pb_date(date(2025, 10, 12)),
                signing_unit_code="01273",
            ),
            move_id=move_id,
        )  # fmt: skip
        assert stub.RequestMove(move).move_id == move_id
        assert stub.RequestMove(move).move_id == move_id  # a retry (same move id) is idempotent
        move.move_id = str(uuid.uuid4())
        second = refused(lambda: stub.RequestMove(move))  # one open move at a time
        assert second.code() == grpc.StatusCode.FAILED_PRECONDITION
        got = stub.GetRecord(
            registry_pb2.GetRecordRequest(record_id=third.record_id, province_code="01")
        )
        assert (got.move.move_id, got.move.stage) == (move_id, "requested")


def test_citizen_may_not_change_policy_fields_nor_other_records(
    stub: Stub, signed_in: KeycloakTestUsers
) -> None:
    with use_principal(signed_in(BA_DINH_OFFICER)):
        rid = stub.RegisterBeneficiary(disabled_person()).record.record_id
    with use_principal(signed_in(CITIZEN)):
        payment = refused(
            lambda: stub.ChangeInformation(
                registry_pb2.ChangeInformationRequest(
                    record_id=rid, province_code="01", phone="0900000000",
                    payment=registry_pb2.PaymentDetails(
                        channel_code="VBSP", account_number="0123456789"
                    ),
                    disability_level_code="1",
                )
            )
        )  # fmt: skip
        coefficient = refused(
            lambda: stub.ChangeCoefficient(
                registry_pb2.ChangeCoefficientRequest(
                    record_id=rid, province_code="01", coefficient="2.0",
                    condition_met_on=pb_date(date(2025, 10, 3)), decision=decision(),
                    category_code="5.6", category_condition="especially_severe",
                )
            )
        )  # fmt: skip
    for error, fields in (
        (payment, ["disability.level_code", "payment"]),
        (coefficient, ["category", "coefficient"]),
    ):
        assert error.code() == grpc.StatusCode.PERMISSION_DENIED
        err = error_from_rpc(error)
        assert isinstance(err, PermissionDenied)
        assert "chỉ được thay đổi thông tin cá nhân" in err.detail
        assert "khoản 1 Điều 4 Thông tư 11/2019/TT-BLĐTBXH" in err.detail
        assert sorted(e.field for e in err.errors) == fields
        assert {e.message for e in err.errors} == {"Không được thay đổi thông tin về chính sách."}

    with use_principal(signed_in(OTHER_CITIZEN)):  # someone else's record, even a personal field
        other = refused(
            lambda: stub.ChangeInformation(
                registry_pb2.ChangeInformationRequest(
                    record_id=rid, province_code="01", phone="0900000000"
                )
            )
        )
    assert other.code() == grpc.StatusCode.PERMISSION_DENIED
    with use_principal(signed_in(NGOC_HA_OFFICER)):  # an officer of another commune
        outside = refused(
            lambda: stub.RecordDeath(
                registry_pb2.RecordDeathRequest(
                    record_id=rid, province_code="01", died_on=pb_date(date(2025, 9, 1)),
                    decision=decision(),
                )
            )
        )  # fmt: skip
    assert outside.code() == grpc.StatusCode.PERMISSION_DENIED
    with use_principal(signed_in(HANOI_OFFICER)):  # nothing was recorded
        history = stub.GetHistory(registry_pb2.GetHistoryRequest(record_id=rid, province_code="01"))
    assert [c.kind for c in history.changes] == ["new"]


def test_benefit_changes_without_a_decision_are_invalid(
    stub: Stub, signed_in: KeycloakTestUsers
) -> None:
    with use_principal(signed_in(BA_DINH_OFFICER)):
        no_decision = disabled_person()
        no_decision.ClearField("decision")
        new = refused(lambda: stub.RegisterBeneficiary(no_decision))
        rid = stub.RegisterBeneficiary(disabled_person()).record.record_id
        death = refused(
            lambda: stub.RecordDeath(
                registry_pb2.RecordDeathRequest(
                    record_id=rid, province_code="01", died_on=pb_date(date(2025, 9, 1))
                )
            )
        )
        half = refused(
            lambda: stub.ChangeCoefficient(
                registry_pb2.ChangeCoefficientRequest(
                    record_id=rid, province_code="01", coefficient="2.0",
                    condition_met_on=pb_date(date(2025, 10, 3)),
                    decision=events_pb2.Decision(number="12/QĐ-UBND"),
                    category_code="5.6", category_condition="especially_severe",
                )
            )
        )  # fmt: skip
        stop = refused(
            lambda: stub.StopBenefit(
                registry_pb2.StopBenefitRequest(
                    record_id=rid, province_code="01", stopped_on=pb_date(date(2025, 9, 1)),
                    reason="Không còn đủ điều kiện",
                )
            )
        )  # fmt: skip
        bad_coefficient = refused(
            lambda: stub.ChangeCoefficient(
                registry_pb2.ChangeCoefficientRequest(
                    record_id=rid, province_code="01", coefficient="nhiều",
                    condition_met_on=pb_date(date(2025, 10, 3)), decision=decision(),
                )
            )
        )  # fmt: skip
        history = stub.GetHistory(registry_pb2.GetHistoryRequest(record_id=rid, province_code="01"))
    for error in (new, death, stop):
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        err = error_from_rpc(error)
        assert isinstance(err, InvalidInput) and "phải có quyết định" in err.detail
        assert [e.field for e in err.errors] == ["decision"]
    half_err = error_from_rpc(half)
    assert half.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [e.field for e in half_err.errors] == [
        "decision.signed_on",
        "decision.signing_unit_code",
    ]
    assert bad_coefficient.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [e.field for e in error_from_rpc(bad_coefficient).errors] == ["coefficient"]
    assert [c.kind for c in history.changes] == ["new"]
