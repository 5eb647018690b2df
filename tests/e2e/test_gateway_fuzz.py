"""Fuzzing the gateway's OpenAPI with schemathesis (issue 9, "Must show").

The real gateway app is served by uvicorn on a free port in front of the registry, poverty,
payment, reporting, dossier and identity gRPC services (this process, fresh databases), with
REAL Keycloak tokens of two roles: a commune officer (``xa.canbo``) and a citizen
(``congdan.an``). Neither may create, disable or reset accounts, so the fuzzer cannot touch the
demo users. Every operation of the schema gets a bounded number of generated cases per role; the
test fails on any 5xx and prints how many cases ran. Bounded in examples (``FUZZ_EXAMPLES``)
and in time (``FUZZ_BUDGET_SECONDS``: past it, each remaining operation gets only
``FUZZ_EXAMPLES_OVER_BUDGET`` cases, so every one is still tried).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, Phase, given, settings

from ansinh_common.authz import UnitModel
from ansinh_common.runtime import default_province_shards, start_service
from ansinh_common.runtime.testing import migrate_fresh_databases
from ansinh_common.testing import Servers
from dossier.bootstrap import bootstrap as bootstrap_dossier
from dossier.config import DossierSettings
from dossier.entrypoints.grpc_server import start as start_dossier
from gateway.app import create_app
from gateway.config import GatewaySettings
from identity.domain.periods import ModelPeriod
from identity.testing import (
    PopulationSimulator,
    delete_keys,
    free_port,
    migrate,
    password_token,
    settings_for_test,
    start_identity_server,
)
from payment.bootstrap import bootstrap as bootstrap_payment
from payment.config import PaymentSettings
from payment.entrypoints.grpc_server import start as start_payment
from payment.testing import make_payment_cluster
from poverty.bootstrap import bootstrap as bootstrap_poverty
from poverty.config import PovertySettings
from poverty.testing import migrated_router as poverty_router
from poverty.testing import start as start_poverty
from registry.bootstrap import bootstrap as build_app
from registry.config import RegistrySettings
from registry.entrypoints.grpc_server import start
from registry.entrypoints.migrate import GLOBAL_INI, SHARD_INI
from reporting.bootstrap import bootstrap as bootstrap_reporting
from reporting.config import ReportingSettings

DOSSIER_INI = Path(__file__).parents[2] / "services" / "dossier" / "alembic.ini"
REPORTING_INI = Path(__file__).parents[2] / "services" / "reporting" / "alembic.ini"

pytestmark = pytest.mark.e2e

FUZZ_EXAMPLES = 40
FUZZ_BUDGET_SECONDS = 240.0
FUZZ_EXAMPLES_OVER_BUDGET = 3  # past the budget every remaining operation still gets a few
ROLES = ("xa.canbo", "congdan.an")  # commune officer, citizen (demo users)
DEMO_PASSWORD = "demo123"
TWO_LEVEL = (ModelPeriod(date(1900, 1, 1), UnitModel.TWO_LEVEL),)


@dataclass
class Tally:
    cases: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)


@pytest.fixture
def gateway_url(
    servers: Servers, make_database: Callable[..., str], tmp_path: Path
) -> Iterator[str]:
    dbs = migrate_fresh_databases(
        make_database, RegistrySettings, SHARD_INI, global_ini_path=GLOBAL_INI
    )
    registry_app = build_app(
        RegistrySettings(
            shards=dbs.shards,
            province_shards=default_province_shards(sorted(dbs.shards)),
            global_db_url=dbs.global_url,
            metrics_port=None,
        )
    )
    registry_server, registry_port = start(registry_app, port=0)
    poverty_app = bootstrap_poverty(
        PovertySettings(metrics_port=None), router=poverty_router(make_database)
    )
    poverty_server, poverty_port = start_poverty(poverty_app)
    payment_app = bootstrap_payment(
        PaymentSettings(metrics_port=None, redis_url=servers.redis_url,
                        keycloak_url=servers.keycloak_url),
        router=make_payment_cluster(make_database).router,
        lock_prefix=f"test:fuzz:payment:{time.monotonic_ns()}",
    )  # fmt: skip
    payment_server, payment_port = start_payment(payment_app)
    dossier_dbs = migrate_fresh_databases(make_database, DossierSettings, DOSSIER_INI)
    dossier_app = bootstrap_dossier(
        DossierSettings(
            shards=dossier_dbs.shards,
            province_shards=default_province_shards(sorted(dossier_dbs.shards)),
            global_db_url=dossier_dbs.global_url,
            population_db_url=None,
            attachment_dir=tmp_path,
            metrics_port=None,
        )
    )
    dossier_server, dossier_port = start_dossier(dossier_app)
    reporting_dbs = migrate_fresh_databases(
        make_database, ReportingSettings, REPORTING_INI, shards=1
    )
    reporting_settings = ReportingSettings(
        shards=reporting_dbs.shards, global_db_url=reporting_dbs.global_url,
        province_shards={"01": next(iter(reporting_dbs.shards))}, grpc_port=0, metrics_port=None,
    )  # fmt: skip
    reporting_app = bootstrap_reporting(reporting_settings)
    reporting = start_service(
        reporting_settings, reporting_app.servicers, service_names=reporting_app.service_names
    )
    with PopulationSimulator() as population:
        identity_settings = settings_for_test(
            database_url=migrate(make_database("identity_fuzz")), redis_url=servers.redis_url,
            keycloak_url=servers.keycloak_url, population=population, periods=TWO_LEVEL,
        )  # fmt: skip
        identity = start_identity_server(identity_settings)
        port = free_port()
        gateway_settings = GatewaySettings(
            environment="test", redis_url=servers.redis_url, keycloak_url=servers.keycloak_url,
            jwks_cache_key_prefix=f"test:fuzz:{port}:jwks", rate_limit_enabled=False,
            grpc_backends={"registry": f"127.0.0.1:{registry_port}", "identity": identity.target,
                           "poverty": f"127.0.0.1:{poverty_port}",
                           "payment": f"127.0.0.1:{payment_port}",
                           "dossier": f"127.0.0.1:{dossier_port}",
                           "reporting": f"127.0.0.1:{reporting.grpc_port}"},
            disabled_account_key_prefix=identity_settings.disabled_flag_prefix,
        )  # fmt: skip
        config = uvicorn.Config(
            create_app(gateway_settings, instrument=False), host="127.0.0.1", port=port,
            log_level="warning", lifespan="on",
        )  # fmt: skip
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, name="gateway-fuzz", daemon=True)
        thread.start()
        try:
            deadline = time.monotonic() + 30
            while not server.started:
                assert time.monotonic() < deadline, "the gateway did not start"
                time.sleep(0.05)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(10)
            identity.stop()
            delete_keys(servers.redis_url, identity_settings.disabled_flag_prefix)
            registry_server.stop(0).wait()
            poverty_server.stop(0).wait()
            payment_server.stop(0).wait()
            dossier_server.stop(0).wait()
            reporting.server.stop(0).wait()
            reporting_app.close()
            dossier_app.close()
            poverty_app.close()
            payment_app.close()
            registry_app.close()


def _fuzz_operation(
    operation: Any, base_url: str, auth: dict[str, str], tally: Tally, examples: int
) -> None:
    @settings(
        max_examples=examples, deadline=None, database=None, derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        headers = dict(case.headers or {})
        headers.update(auth)
        response = case.call(base_url=base_url, headers=headers, timeout=30)
        tally.cases += 1
        tally.statuses[response.status_code] += 1
        if response.status_code >= 500:
            tally.server_errors.append(
                f"{case.method} {case.formatted_path} -> {response.status_code}: "
                f"{response.text[:300]}"
            )

    run()


def test_gateway_survives_fuzzing_with_two_roles(servers: Servers, gateway_url: str) -> None:
    schema = schemathesis.openapi.from_url(f"{gateway_url}/openapi.json")
    tally = Tally()
    shortened: list[str] = []
    started = time.monotonic()
    for username in ROLES:
        token = password_token(servers.keycloak_url, username, DEMO_PASSWORD)["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        for result in schema.get_all_operations():
            operation = result.ok()
            label = f"{username}: {operation.method.upper()} {operation.path}"
            examples = FUZZ_EXAMPLES
            if time.monotonic() - started > FUZZ_BUDGET_SECONDS:
                shortened.append(label)
                examples = FUZZ_EXAMPLES_OVER_BUDGET
            _fuzz_operation(operation, gateway_url, auth, tally, examples)
    elapsed = time.monotonic() - started
    print(
        f"\nschemathesis: {tally.cases} cases in {elapsed:.0f} s, "
        f"{len(tally.server_errors)} server errors; statuses {dict(sorted(tally.statuses.items()))}"
        + (f"; over the time budget, shortened: {shortened}" if shortened else "")
    )
    assert tally.server_errors == [], "\n".join(tally.server_errors)
    assert tally.cases >= 100  # the run really exercised the API
