"""The gRPC service with real adapters: Keycloak, PostgreSQL (audit), Redis, simulator."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date

import grpc
import pytest
import sqlalchemy as sa
from redis import Redis

from ansinh.common.v1 import common_pb2
from ansinh.identity.v1 import identity_pb2, identity_pb2_grpc
from ansinh_common.auth.principal import Principal, call_metadata
from ansinh_common.authz import UnitModel
from ansinh_common.errors import PermissionDenied
from ansinh_common.grpc.problem import error_from_rpc
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import KeycloakTestUsers
from identity.config import IdentitySettings
from identity.domain.model import NewAccount
from identity.domain.periods import ModelPeriod
from identity.testing import (
    TEST_PASSWORD,
    IdentityServer,
    PopulationSimulator,
    delete_keys,
    password_token,
    start_identity_server,
)

pytestmark = pytest.mark.integration

THREE_LEVEL = (ModelPeriod(date(1900, 1, 1), UnitModel.THREE_LEVEL),)


@pytest.fixture
def identity(
    servers: Servers, identity_db: str, population_sim: PopulationSimulator
) -> Iterator[tuple[IdentityServer, str]]:
    prefix = f"test:identity:disabled:{uuid.uuid4().hex}:"
    settings = IdentitySettings(
        environment="test",
        global_db_url=identity_db,
        redis_url=servers.redis_url,
        keycloak_url=servers.keycloak_url,
        population_db_url=population_sim.url,
        population_db_api_key=population_sim.api_key,
        unit_model_periods=THREE_LEVEL,
        disabled_flag_prefix=prefix,
        metrics_port=None,
    )
    server = start_identity_server(settings)
    yield server, prefix
    server.stop()
    delete_keys(servers.redis_url, prefix)


def token_of(servers: Servers, new: NewAccount) -> str:
    """The real access token of a test user (services verify it, ADR 0011)."""
    return str(password_token(servers.keycloak_url, new.username, TEST_PASSWORD)["access_token"])


def test_provisioning_over_grpc(
    identity: tuple[IdentityServer, str],
    identity_db: str,
    servers: Servers,
    make_user: Callable[..., NewAccount],
    cleanup_usernames: list[str],
) -> None:
    server, prefix = identity
    leader = make_user("001", {"district_leader"})
    sibling_leader = make_user("00001", {"commune_leader"})  # Phúc Xá, also in Ba Đình
    stub = identity_pb2_grpc.IdentityServiceStub(grpc.insecure_channel(server.target))
    name = f"t-{uuid.uuid4().hex[:10]}"
    cleanup_usernames.append(name)
    request = identity_pb2.CreateAccountRequest(
        username=name, first_name="Hoa", last_name="Nguyễn Thị", email=f"{name}@test.ansinh.vn",
        unit_code="00004", roles=["commune_officer"],
    )  # fmt: skip
    meta = (
        *call_metadata(token=token_of(servers, leader)),
        ("ansinh-client-address", "198.51.100.9"),
    )
    created = stub.CreateAccount(request, metadata=meta, timeout=30)
    assert created.account.unit_code == "00004" and created.generated_password

    with pytest.raises(grpc.RpcError) as refused:
        stub.DisableAccount(
            identity_pb2.DisableAccountRequest(username=name),
            metadata=call_metadata(token=token_of(servers, sibling_leader)),
            timeout=30,
        )
    assert refused.value.code() is grpc.StatusCode.PERMISSION_DENIED
    error = error_from_rpc(refused.value)
    assert isinstance(error, PermissionDenied) and "trực thuộc trực tiếp" in error.detail

    disabled = stub.DisableAccount(
        identity_pb2.DisableAccountRequest(username=name), metadata=meta, timeout=30
    )
    assert not disabled.account.enabled
    assert Redis.from_url(servers.redis_url).exists(prefix + created.account.user_id)

    engine = sa.create_engine(identity_db)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT action, outcome, actor_username, client_address, reason_code "
                "FROM account_audit WHERE target_username = :n ORDER BY at"
            ),
            {"n": name},
        ).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [
        ("create", "succeeded", leader.username, "198.51.100.9", ""),
        ("disable", "refused", sibling_leader.username, rows[1][3], "not_direct_subordinate"),
        ("disable", "succeeded", leader.username, "198.51.100.9", ""),
    ]
    assert rows[1][3].startswith("ipv4:127.0.0.1")  # no gateway: the gRPC peer


def test_identity_check_over_grpc(
    identity: tuple[IdentityServer, str],
    population_sim: PopulationSimulator,
    signed_in: KeycloakTestUsers,
) -> None:
    server, _ = identity
    citizen = population_sim.sample(1, offset=3)[0]
    born = date.fromisoformat(citizen["birth_date"])
    stub = identity_pb2_grpc.IdentityServiceStub(grpc.insecure_channel(server.target))
    officer = signed_in(Principal("s", "xa.canbo", frozenset({"commune_officer"}), "00004"))
    request = identity_pb2.CheckCitizenIdentityRequest(
        national_id=citizen["national_id"],
        full_name=citizen["full_name"].upper(),
        birth_date=common_pb2.Date(year=born.year, month=born.month, day=born.day),
        gender=identity_pb2.GENDER_FEMALE
        if citizen["gender"] == "male"
        else identity_pb2.GENDER_MALE,
    )
    resp = stub.CheckCitizenIdentity(request, metadata=call_metadata(officer), timeout=30)
    assert not resp.matched
    assert [(m.reason, m.field) for m in resp.mismatches] == [
        (identity_pb2.MISMATCH_REASON_GENDER, "gender")
    ]
    assert resp.mismatches[0].message.startswith("Giới tính")
