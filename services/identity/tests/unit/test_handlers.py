"""Use cases with fakes: provisioning scope, audit of every attempt, disabled list, identity
check access. The unit tree is the real catalog (plain data, no server)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import AccessDenied, CatalogUnitTree, ReasonCode, UnitModel
from ansinh_common.catalogs.personal_id import Gender
from ansinh_common.errors import InvalidInput, PermissionDenied, Unavailable
from identity.domain.audit import AuditEntry, Outcome
from identity.domain.commands import (
    CheckCitizenIdentity,
    CreateAccount,
    DisableAccount,
    EnableAccount,
    ResetPassword,
)
from identity.domain.errors import AccountNotFound
from identity.domain.identity_check import MismatchReason, PopulationRecord
from identity.domain.model import Account, AccountAction
from identity.domain.periods import ModelPeriod
from identity.service_layer import handlers
from identity.service_layer.handlers import Services
from identity.service_layer.ports import DisabledListUnavailable

from .fakes import FakeAccounts, FakeDisabled, FakePopulation, FakeUnitOfWork

THREE_LEVEL = (ModelPeriod(date(1900, 1, 1), UnitModel.THREE_LEVEL),)
TWO_LEVEL = (ModelPeriod(date(1900, 1, 1), UnitModel.TWO_LEVEL),)
ADDRESS = "203.0.113.7"
# pre-2025: 001 Quận Ba Đình (Hà Nội) → 00001 Phường Phúc Xá, 00004 Phường Trúc Bạch
DISTRICT_LEADER = Principal("s-d", "huyen.badinh", frozenset({"district_leader"}), "001")
COMMUNE_OFFICER = Principal("s-c", "xa.canbo", frozenset({"commune_officer"}), "00004")
COMMUNE_LEADER = Principal("s-l", "xa.lanhdao", frozenset({"commune_leader"}), "00004")
# 2025: 01 Hà Nội → 00004 Phường Ba Đình, 00008 Phường Ngọc Hà
PROVINCE_LEADER = Principal("s-p", "tinh.lanhdao", frozenset({"province_leader"}), "01")


def account(username: str, unit: str, version: str = "pre2025") -> Account:
    return Account(f"id-{username}", username, "A", "B", f"{username}@x.vn", unit, version,
                   frozenset({"commune_officer"}))  # fmt: skip


class World:
    def __init__(self, periods: tuple[ModelPeriod, ...] = THREE_LEVEL) -> None:
        self.accounts = FakeAccounts(
            account("xa.phucxa", "00001"), account("xa.ngocha", "00008", "2025")
        )
        self.disabled = FakeDisabled()
        self.population = FakePopulation(
            PopulationRecord("001090012345", "Nguyễn Văn An", date(1990, 5, 15), Gender.MALE)
        )
        self.audit: dict[str, AuditEntry] = {}
        self.saves: list[Outcome] = []
        world = self

        class Uow(FakeUnitOfWork):
            def commit(self) -> None:
                world.saves.extend(e.outcome for e in world.audit.values())

        self.services = Services(
            accounts=self.accounts,
            disabled=self.disabled,
            population=self.population,
            uow=lambda: Uow(self.audit),
            units=CatalogUnitTree(),
            periods=periods,
            clock=lambda: datetime(2026, 1, 5, 8, 0, tzinfo=UTC),
            new_password=lambda: "generated-pw-1",
        )

    def entries(self) -> list[AuditEntry]:
        return list(self.audit.values())


def new_commune_account(unit: str, username: str = "xa.moi") -> CreateAccount:
    return CreateAccount(username, "Hoa", "Nguyễn Thị", f"{username}@x.vn", unit,
                         ("commune_officer",))  # fmt: skip


def test_district_leader_creates_an_account_for_a_commune_of_its_district() -> None:
    w = World()
    result = handlers.create_account(
        new_commune_account("00004"), DISTRICT_LEADER, ADDRESS, w.services
    )
    assert result.account.unit_code == "00004" and result.account.catalog_version == "pre2025"
    assert result.generated_password == "generated-pw-1"
    assert w.accounts.passwords[result.account.user_id] == ("generated-pw-1", True)
    [entry] = w.entries()
    assert entry.outcome is Outcome.SUCCEEDED and entry.action is AccountAction.CREATE
    assert (entry.actor.username, entry.actor.client_address) == ("huyen.badinh", ADDRESS)
    assert entry.target_user_id == result.account.user_id
    assert Outcome.PENDING in w.saves  # written before Keycloak was called


def test_commune_accounts_cannot_create_accounts_for_another_commune() -> None:
    w = World()
    with pytest.raises(AccessDenied) as officer:
        handlers.create_account(new_commune_account("00001"), COMMUNE_OFFICER, ADDRESS, w.services)
    assert officer.value.decision.code is ReasonCode.NOT_ACCOUNT_MANAGER
    with pytest.raises(AccessDenied) as leader:
        handlers.create_account(new_commune_account("00001"), COMMUNE_LEADER, ADDRESS, w.services)
    assert leader.value.decision.code is ReasonCode.NOT_DIRECT_SUBORDINATE
    assert "không trực thuộc trực tiếp" in leader.value.detail
    assert [e.outcome for e in w.entries()] == [Outcome.REFUSED, Outcome.REFUSED]
    assert [e.reason_code for e in w.entries()] == ["not_account_manager", "not_direct_subordinate"]
    assert "xa.moi" not in w.accounts.by_name


def test_two_level_model_province_to_commune_and_no_district() -> None:
    w = World(TWO_LEVEL)
    ok = handlers.create_account(
        new_commune_account("00008", "xa.ngocha.2"), PROVINCE_LEADER, ADDRESS, w.services
    )
    assert ok.account.catalog_version == "2025"
    with pytest.raises(AccessDenied) as caught:
        handlers.create_account(new_commune_account("00004"), DISTRICT_LEADER, ADDRESS, w.services)
    assert caught.value.decision.code is ReasonCode.LEVEL_NOT_IN_MODEL


def test_invalid_fields_are_refused_and_audited() -> None:
    w = World()
    bad = CreateAccount("x", "", "B", "mail", "00004", ("province_officer",))
    with pytest.raises(InvalidInput):
        handlers.create_account(bad, DISTRICT_LEADER, ADDRESS, w.services)
    [entry] = w.entries()
    assert (entry.outcome, entry.reason_code) == (Outcome.REFUSED, "invalid_input")


def test_keycloak_failure_is_audited_as_failed() -> None:
    w = World()
    w.accounts.down = True
    with pytest.raises(Unavailable):
        handlers.create_account(new_commune_account("00004"), DISTRICT_LEADER, ADDRESS, w.services)
    [entry] = w.entries()
    assert (entry.outcome, entry.reason_code) == (Outcome.FAILED, "unavailable")


def test_disable_enable_and_reset_in_scope() -> None:
    w = World()
    handlers.disable_account(DisableAccount("xa.phucxa"), DISTRICT_LEADER, ADDRESS, w.services)
    assert w.disabled.ids == {"id-xa.phucxa"}
    assert w.accounts.sessions_ended == ["id-xa.phucxa"]
    assert not w.accounts.by_name["xa.phucxa"].enabled
    handlers.enable_account(EnableAccount("xa.phucxa"), DISTRICT_LEADER, ADDRESS, w.services)
    assert w.disabled.ids == set() and w.accounts.by_name["xa.phucxa"].enabled
    reset = handlers.reset_password(
        ResetPassword("xa.phucxa"), DISTRICT_LEADER, ADDRESS, w.services
    )
    assert reset.generated_password == "generated-pw-1"
    assert [e.action for e in w.entries()] == [
        AccountAction.DISABLE, AccountAction.ENABLE, AccountAction.RESET_PASSWORD,
    ]  # fmt: skip
    assert all(e.outcome is Outcome.SUCCEEDED for e in w.entries())


def test_a_down_disabled_list_does_not_fail_the_action() -> None:
    """The periodic sync writes the flag later; the account is disabled and audited now."""

    class DownDisabled(FakeDisabled):
        def mark(self, user_id: str) -> None:
            raise DisabledListUnavailable("connection refused")

        def clear(self, user_id: str) -> None:
            raise DisabledListUnavailable("connection refused")

    w = World()
    w.services.disabled = DownDisabled()
    handlers.disable_account(DisableAccount("xa.phucxa"), DISTRICT_LEADER, ADDRESS, w.services)
    assert not w.accounts.by_name["xa.phucxa"].enabled
    handlers.enable_account(EnableAccount("xa.phucxa"), DISTRICT_LEADER, ADDRESS, w.services)
    assert w.accounts.by_name["xa.phucxa"].enabled
    assert [e.outcome for e in w.entries()] == [Outcome.SUCCEEDED, Outcome.SUCCEEDED]


def test_disable_out_of_scope_or_unknown() -> None:
    w = World()
    with pytest.raises(AccessDenied):
        handlers.disable_account(DisableAccount("xa.phucxa"), COMMUNE_LEADER, ADDRESS, w.services)
    with pytest.raises(AccountNotFound):
        handlers.disable_account(DisableAccount("nobody"), DISTRICT_LEADER, ADDRESS, w.services)
    assert w.disabled.ids == set()
    assert [e.outcome for e in w.entries()] == [Outcome.REFUSED, Outcome.REFUSED]


def test_sync_copies_keycloak_disabled_accounts() -> None:
    w = World()
    w.accounts.set_enabled("id-xa.ngocha", False)  # e.g. in the Keycloak console
    w.disabled.ids = {"id-gone"}
    assert handlers.sync_disabled_accounts(w.services) == 1
    assert w.disabled.ids == {"id-xa.ngocha"}


def check(national_id: str = "001090012345", **kw: object) -> CheckCitizenIdentity:
    base: dict[str, object] = {
        "full_name": "Nguyễn Văn An",
        "birth_date": date(1990, 5, 15),
        "gender": Gender.MALE,
    }
    base.update(kw)
    return CheckCitizenIdentity(national_id, **base)  # type: ignore[arg-type]


def test_identity_check_access_and_result() -> None:
    w = World()
    assert handlers.check_citizen_identity(check(), COMMUNE_OFFICER, w.services).matched
    citizen = Principal("s-x", "congdan", frozenset({"citizen"}), None, "001090012345")
    result = handlers.check_citizen_identity(check(gender=Gender.FEMALE), citizen, w.services)
    assert result.mismatches == (MismatchReason.GENDER,)
    with pytest.raises(PermissionDenied, match="chính mình"):
        handlers.check_citizen_identity(check("001090099999"), citizen, w.services)
    admin = Principal("s-a", "bo.admin", frozenset({"system_admin"}), "VN")
    with pytest.raises(PermissionDenied):
        handlers.check_citizen_identity(check(), admin, w.services)
    with pytest.raises(InvalidInput) as caught:
        handlers.check_citizen_identity(check(birth_date=None), COMMUNE_OFFICER, w.services)
    assert [e.field for e in caught.value.errors] == ["birth_date"]
    invalid = handlers.check_citizen_identity(check("12"), COMMUNE_OFFICER, w.services)
    assert invalid.mismatches == (MismatchReason.NATIONAL_ID_INVALID,)
    assert w.population.lookups == ["001090012345", "001090012345"]  # no lookup for "12"
