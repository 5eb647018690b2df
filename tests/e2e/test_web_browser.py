"""The web application in a real browser (ADR 0024, 0031): Playwright drives Debian's chromium.

This test starts what the pages need — the registry, identity, dossier, poverty and reporting
gRPC services in this process (fresh databases), the registry and dossier outbox relays and the
registry and reporting workers as processes (topics of this test), the real gateway app as an
HTTP server serving the built app at ``/app/`` — on the shared PostgreSQL, Redis, Kafka and
Keycloak, creates its own Keycloak users, writes a commune Excel file with errors, then runs
``npx playwright test`` in ``web/`` (the specs in ``web/e2e``): real Keycloak login
(authorization code + PKCE), the Excel cycle, accounts, the citizen portal at 360 px, a dossier
from the citizen's phone to the officer's search, poverty and reports, axe-core on every page.
Screenshots: ``out/web/screenshots``; the worker and relay processes' output:
``out/web-services``. ``ANSINH_WEB_SPECS="06"`` (space-separated filters) runs only the
matching specs, for working on one page.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from openpyxl import load_workbook

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import UnitModel
from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from ansinh_common.runtime import default_province_shards, start_service
from ansinh_common.runtime.testing import migrate_fresh_databases
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import KeycloakTestUsers
from ansinh_templates.beneficiary_excel import TitleBlock, write_workbook
from dossier.bootstrap import bootstrap as dossier_bootstrap
from dossier.config import DossierSettings
from dossier.entrypoints.grpc_server import start as start_dossier
from dossier.service_layer.ports import PopulationRecord
from gateway.app import create_app
from gateway.config import GatewaySettings
from identity.domain.periods import ModelPeriod
from identity.testing import (
    TEST_PASSWORD,
    KeycloakUsers,
    PopulationSimulator,
    delete_keys,
    migrate,
    settings_for_test,
    start_identity_server,
)
from payment.bootstrap import bootstrap as payment_bootstrap
from payment.config import PaymentSettings
from payment.entrypoints.grpc_server import start as start_payment
from payment.testing import make_payment_cluster
from poverty.bootstrap import bootstrap as poverty_bootstrap
from poverty.config import PovertySettings
from poverty.testing import migrated_router
from poverty.testing import start as start_poverty
from registry.bootstrap import bootstrap
from registry.config import RegistrySettings
from registry.entrypoints.grpc_server import start
from registry.entrypoints.migrate import GLOBAL_INI, SHARD_INI
from reporting.bootstrap import bootstrap as reporting_bootstrap
from reporting.config import ReportingSettings

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
ARTIFACTS = ROOT / "out" / "web"
ROWS = 3000
BAD_EVERY = 50  # rows 50, 100, …: a gender that is neither 'Nam' nor 'Nữ'
CITIZEN_NAME = "Lê Thị Thử Web"
CITIZEN_BIRTH = date(1950, 3, 15)
CITIZEN_ID = make_personal_id("001", Gender.FEMALE, 1950, 777)
TWO_LEVEL = (ModelPeriod(date(1900, 1, 1), UnitModel.TWO_LEVEL),)
DOSSIER_INI = ROOT / "services" / "dossier" / "alembic.ini"
REPORTING_INI = ROOT / "services" / "reporting" / "alembic.ini"
APPLICANT_NAME = "Trần Thị Nộp Đơn"
APPLICANT_BIRTH = date(1946, 5, 20)
APPLICANT_ID = make_personal_id("001", Gender.FEMALE, 1946, 4242)
# -- payments (spec 06): two 5.5a beneficiaries of Phường Ngọc Hà, each 500,000 × 2.0 in July 2025
PAY_COMMUNE, PAY_MONTH = "00008", "2025-07"
PAY_BORN = (date(1938, 2, 1), date(1940, 9, 12))
PAYMENT_SHOTS = [
    "officer-payments-generated.png",
    "officer-payments-line.png",
    "leader-payments-approved.png",
    "officer-payments-exported.png",
    "citizen-payments.png",
]
PAY_IDS = tuple(
    make_personal_id("001", Gender.FEMALE, b.year, 880_000 + n) for n, b in enumerate(PAY_BORN)
)


class PopulationDatabase:
    """Stand-in for the national population database (an external system): the applicant."""

    def lookup(self, national_id: str) -> PopulationRecord | None:
        known = PopulationRecord(APPLICANT_ID, APPLICANT_NAME, APPLICANT_BIRTH, "female")
        return known if national_id == APPLICANT_ID else None


def _row(n: int) -> dict[str, Any]:
    born = date(1930 + n % 15, 1 + n % 12, 1 + n % 28)
    row = {
        "full_name": f"Phạm Thị Nhập {n}", "birth_date": born,
        "gender": "?" if n % BAD_EVERY == 0 else "Nữ",
        "personal_id": make_personal_id("001", Gender.FEMALE, born.year, 100_000 + n),
        "ethnicity": "Kinh", "commune_name": "Phường Ba Đình", "commune_code": "00004",
        "category": "5.5a", "coefficient": Decimal("2.0"), "decision_number": f"{n}/QĐ",
        "decision_date": date(2024, 5, 10), "decision_authority": "UBND phường Ba Đình",
        "start_month": (2024, 6), "payment_method": "Tiền mặt tại xã",
    }  # fmt: skip
    if n == 1:
        row.update(full_name=CITIZEN_NAME, birth_date=CITIZEN_BIRTH, personal_id=CITIZEN_ID)
    return row


# -- spec 07 (poverty review) -----------------------------------------------------------------
PV_CITIZEN_ID = make_personal_id("001", Gender.MALE, 1968, 5151)
PV_HEAD_ID = make_personal_id("001", Gender.FEMALE, 1958, 5150)


def _poverty_households(web_url: str, keycloak: KeycloakTestUsers) -> tuple[str, str]:
    """Two households of Ba Đình registered over REST by a commune officer: one the officer's
    review walks through, one the spec-07 citizen belongs to (they file a request for it)."""
    officer = keycloak(Principal("pv-xa", "pv.web.xa", frozenset({"commune_officer"}), "00004"))
    ids = []
    heads = (
        (PV_HEAD_ID, "Đỗ Thị Rà Soát", "1958-04-02", "female"),
        (PV_CITIZEN_ID, "Ngô Văn Đề Nghị", "1968-07-09", "male"),
    )
    for head_id, name, born, gender in heads:
        member = {"full_name": name, "national_id": head_id, "relation": "head",
                  "birth_date": born, "gender": gender, "ethnicity_code": "01"}  # fmt: skip
        household = {"province_code": "01", "commune_code": "00004", "village": "Tổ dân phố 9",
                     "address": "Tổ dân phố 9, phường Ba Đình", "area": "urban",
                     "members": [member]}  # fmt: skip
        answer = httpx.post(
            f"{web_url}/api/v1/poverty/households", json={"household": household},
            headers={"Authorization": f"Bearer {officer.token}"}, timeout=60,
        )  # fmt: skip
        assert answer.status_code == 201, answer.text
        ids.append(answer.json()["household_id"])
    return ids[0], ids[1]


# -- spec 08 (record changes, data quality, the citizen's contact details) ---------------------
RECORDS_PERSON_ID = make_personal_id("001", Gender.MALE, 1945, 808_001)
RECORDS_CITIZEN_ID = make_personal_id("001", Gender.FEMALE, 1940, 808_002)
RECORDS_CITIZEN_NAME = "Đỗ Thị Liên Hệ"


def _records_users(keycloak: KeycloakTestUsers, accounts: KeycloakUsers) -> dict[str, str]:
    """Spec 08's accounts: a commune officer (2025 catalog) and the citizen of a record."""
    officer = accounts.create("00004", {"commune_officer"}, version="2025")
    template = Principal("r", "lienhe.web", frozenset({"citizen"}), None, RECORDS_CITIZEN_ID)
    _, citizen, password = keycloak.create_user(template)
    return {
        "WEB_RECORDS_OFFICER_USER": officer.username, "WEB_RECORDS_PERSON_ID": RECORDS_PERSON_ID,
        "WEB_RECORDS_CITIZEN_USER": citizen, "WEB_RECORDS_CITIZEN_PASSWORD": password,
        "WEB_RECORDS_CITIZEN_ID": RECORDS_CITIZEN_ID,
        "WEB_RECORDS_CITIZEN_NAME": RECORDS_CITIZEN_NAME,
    }  # fmt: skip


WEB_TEST_PORT = 58009
"""The port of this test's gateway: an origin of the realm's ``ansinh-web`` client (Keycloak
answers the browser's token requests with CORS only for the origins listed there)."""


@pytest.fixture(scope="module")
def population() -> Iterator[PopulationSimulator]:
    with PopulationSimulator() as sim:
        yield sim


SERVICE_LOGS = ROOT / "out" / "web-services"
"""The output of the test's worker and relay processes (one file each, kept for CI)."""


def _helpers(env: dict[str, str], *modules: list[str]) -> list[subprocess.Popen[bytes]]:
    """Outbox relays and workers as their own processes, as under the supervisor."""
    SERVICE_LOGS.mkdir(parents=True, exist_ok=True)
    procs = []
    for args in modules:
        name = f"{args[-1].split('.')[0]}-{args[0].split('.')[-1]}"  # e.g. dossier-relay
        with (SERVICE_LOGS / f"{name}.log").open("wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", *args], env={**os.environ, **env},
                stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
            procs.append(proc)
    return procs


@pytest.fixture
def web_url(
    servers: Servers,
    make_database: Callable[..., str],
    make_topic: Callable[..., str],
    population: PopulationSimulator,
    tmp_path: Path,
) -> Iterator[str]:
    """The gateway (with the built web app) on a free port, over fresh registry, identity and
    dossier services; a signed decision reaches the registry through the dossier's outbox
    relay and the registry worker (real Kafka, topics of this test)."""
    subprocess.run([str(ROOT / "infra" / "web.sh"), "build"], check=True, timeout=600)
    dbs = migrate_fresh_databases(
        make_database, RegistrySettings, SHARD_INI, global_ini_path=GLOBAL_INI
    )
    registry_topic, dossier_topic = make_topic(3), make_topic(3)
    registry_settings = RegistrySettings(
        shards=dbs.shards, province_shards=default_province_shards(sorted(dbs.shards)),
        global_db_url=dbs.global_url, metrics_port=None, beneficiary_topic=registry_topic,
    )  # fmt: skip
    # the poverty service: its pages, and the commune's check of a 5.5a dossier asks it
    poverty_settings = PovertySettings(poverty_topic=make_topic(3), metrics_port=None)
    poverty = poverty_bootstrap(poverty_settings, router=migrated_router(make_database))
    poverty_server, poverty_port = start_poverty(poverty)
    dossier_dbs = migrate_fresh_databases(make_database, DossierSettings, DOSSIER_INI)
    dossier_settings = DossierSettings(
        shards=dossier_dbs.shards, global_db_url=dossier_dbs.global_url,
        province_shards=default_province_shards(sorted(dossier_dbs.shards)),
        population_db_url=None, attachment_dir=tmp_path, metrics_port=None,
        dossier_topic=dossier_topic, registry_topic=registry_topic,
        poverty_target=f"127.0.0.1:{poverty_port}",
    )  # fmt: skip
    dossier = dossier_bootstrap(dossier_settings, population=PopulationDatabase())
    dossier_server, dossier_port = start_dossier(dossier)
    kafka = {"ANSINH_KAFKA_BOOTSTRAP": servers.kafka_bootstrap}
    registry_env = {
        **dbs.env(), **kafka, "ANSINH_BENEFICIARY_TOPIC": registry_topic,
        "ANSINH_DOSSIER_TOPIC": dossier_topic,
        "ANSINH_CONSUMER_GROUP": f"web-registry-{uuid.uuid4().hex[:8]}",
    }  # fmt: skip
    relay = ["ansinh_common.messaging.relay", "--settings"]
    helpers = _helpers(
        registry_env, ["registry.entrypoints.worker"], [*relay, "registry.config:RegistrySettings"]
    ) + _helpers({**dossier_dbs.env(), **kafka}, [*relay, "dossier.config:DossierSettings"])
    # the reports: the reporting worker projects the registry's events (the import's, the
    # decision's) into the read models the reporting service answers from
    reporting_dbs = migrate_fresh_databases(
        make_database, ReportingSettings, REPORTING_INI, shards=1
    )
    reporting_settings = ReportingSettings(
        shards=reporting_dbs.shards, global_db_url=reporting_dbs.global_url,
        province_shards={"01": next(iter(reporting_dbs.shards))},
        kafka_bootstrap=servers.kafka_bootstrap, registry_topic=registry_topic,
        grpc_port=0, metrics_port=None,
    )  # fmt: skip
    reporting = reporting_bootstrap(reporting_settings)
    reporting_running = start_service(
        reporting_settings, reporting.servicers, service_names=reporting.service_names
    )
    reporting_env = {
        **reporting_dbs.env(), **kafka, "ANSINH_REGISTRY_TOPIC": registry_topic,
        "ANSINH_PROVINCE_SHARDS": json.dumps({"01": next(iter(reporting_dbs.shards))}),
        "ANSINH_CONSUMER_GROUP": f"web-reporting-{uuid.uuid4().hex[:8]}",
    }  # fmt: skip
    helpers += _helpers(reporting_env, ["reporting.entrypoints.worker"])
    # -- payments (spec 06): the payment service, and its projection worker reading the
    # registry's events (topic of this test) as under the supervisor
    payment_cluster = make_payment_cluster(make_database)
    payment_settings = PaymentSettings(
        redis_url=servers.redis_url, keycloak_url=servers.keycloak_url, metrics_port=None,
        shards=payment_cluster.shard_urls, global_db_url=payment_cluster.global_url,
        province_shards=default_province_shards(sorted(payment_cluster.shard_urls)),
    )  # fmt: skip
    payment = payment_bootstrap(payment_settings, router=payment_cluster.router,
                                lock_prefix=f"test:web:payment:{uuid.uuid4().hex}")  # fmt: skip
    payment_server, payment_port = start_payment(payment)
    payment_env = {
        "ANSINH_SHARDS": json.dumps(payment_cluster.shard_urls),
        "ANSINH_PROVINCE_SHARDS": json.dumps(payment_settings.province_shards),
        "ANSINH_GLOBAL_DB_URL": payment_cluster.global_url, **kafka,
        "ANSINH_REGISTRY_TOPIC": registry_topic,
        "ANSINH_CONSUMER_GROUP": f"web-payment-{uuid.uuid4().hex[:8]}",
    }  # fmt: skip
    helpers += _helpers(payment_env, ["payment.entrypoints.worker"])
    registry = bootstrap(registry_settings)
    registry_server, registry_port = start(registry, port=0)
    identity_settings = settings_for_test(
        database_url=migrate(make_database("identity_web")), redis_url=servers.redis_url,
        keycloak_url=servers.keycloak_url, population=population, periods=TWO_LEVEL,
    )  # fmt: skip
    identity = start_identity_server(identity_settings)
    unique = f"test:web:{uuid.uuid4().hex}"
    settings = GatewaySettings(
        environment="test", redis_url=servers.redis_url, keycloak_url=servers.keycloak_url,
        jwks_cache_key_prefix=f"{unique}:jwks", rate_limit_enabled=False,
        grpc_backends={
            "registry": f"127.0.0.1:{registry_port}", "identity": identity.target,
            "dossier": f"127.0.0.1:{dossier_port}",
            "reporting": f"127.0.0.1:{reporting_running.grpc_port}",
            "poverty": f"127.0.0.1:{poverty_port}",
            "payment": f"127.0.0.1:{payment_port}",
        },
        disabled_account_key_prefix=identity_settings.disabled_flag_prefix, web_dir=WEB / "dist",
        grpc_deadline_seconds=30.0,  # a loaded CI machine runs six services in this process
    )  # fmt: skip
    port = WEB_TEST_PORT
    config = uvicorn.Config(
        create_app(settings, instrument=False), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the gateway did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)
        for proc in helpers:
            proc.terminate()
        for proc in helpers:
            try:
                proc.wait(timeout=45)
            except subprocess.TimeoutExpired:
                proc.kill()
        dossier_server.stop(0).wait()
        dossier.close()
        payment_server.stop(0).wait()
        payment.close()
        reporting_running.server.stop(0).wait()
        reporting.close()
        poverty_server.stop(0).wait()
        poverty.close()
        identity.stop()
        delete_keys(servers.redis_url, identity_settings.disabled_flag_prefix)
        registry_server.stop(0).wait()
        registry.close()


def _pay_beneficiary(n: int) -> dict[str, Any]:
    """A 5.5a woman of 80 or more (coefficient 2.0) decided in July 2025 (spec 06)."""
    return {
        "person": {
            "full_name": f"Hoàng Thị Chi Trả {n + 1}", "birth_date": PAY_BORN[n].isoformat(),
            "gender": "female", "personal_id": PAY_IDS[n],
            "residence": {"province_code": "01", "commune_code": PAY_COMMUNE},
        },
        "category_code": "5.5a", "category_condition": "from_80", "coefficient": "2.0",
        "decision": {"number": f"{n + 1}/QĐ-UBND", "signed_on": "2025-07-10",
                     "signing_unit_code": PAY_COMMUNE},
    }  # fmt: skip


def _payment_beneficiaries(web_url: str, token: str) -> None:
    """Spec 06's beneficiaries, created through the registry's REST API; back once the payment
    projection worker has projected them from the registry's events."""
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=web_url, headers=auth, timeout=30) as http:
        for n in range(len(PAY_IDS)):
            created = http.post("/api/v1/beneficiaries", json=_pay_beneficiary(n))
            assert created.status_code == 201, created.text
        deadline = time.monotonic() + 120
        for pid in PAY_IDS:
            while True:
                query = {"province_code": "01", "national_id": pid, "month": PAY_MONTH}
                if http.get("/api/v1/payments/explanations", params=query).status_code == 200:
                    break
                assert time.monotonic() < deadline, f"{pid} not projected into payment"
                time.sleep(0.5)


@pytest.mark.timeout(1200)
def test_officer_excel_cycle_accounts_citizen_portal_and_dossier_in_chromium(
    servers: Servers, web_url: str
) -> None:
    keycloak = KeycloakTestUsers(servers.keycloak_url)
    accounts = KeycloakUsers(servers.keycloak_url)
    if ARTIFACTS.exists():
        shutil.rmtree(ARTIFACTS)
    ARTIFACTS.mkdir(parents=True)
    try:
        officer = accounts.create("00004", {"commune_officer"})
        # the dossier's officers hold accounts of the 2025 catalog (two-level model)
        desk = accounts.create("00004", {"commune_officer"}, version="2025")
        officer2 = accounts.create("00004", {"commune_officer"}, version="2025")
        commune_leader = accounts.create("00004", {"commune_leader"}, version="2025")
        poverty_only = accounts.create("01", {"province_officer", "domain_poverty"}, version="2025")
        social_only = accounts.create(
            "00004", {"commune_officer", "domain_social_assistance"}, version="2025"
        )
        applicant_template = Principal(
            "a", "nopdon.web", frozenset({"citizen"}), None, APPLICANT_ID
        )
        _, applicant, applicant_password = keycloak.create_user(applicant_template)
        leader = accounts.create("01", {"province_leader"}, version="2025")
        new_account = accounts.forget_later(f"t-web-{uuid.uuid4().hex[:8]}")
        citizen_template = Principal("c", "congdan.web", frozenset({"citizen"}), None, CITIZEN_ID)
        _, citizen, citizen_password = keycloak.create_user(citizen_template)
        # spec 07: the households of the poverty review and the citizen who asks for one
        pv_household, pv_citizen_household = _poverty_households(web_url, keycloak)
        pv_template = Principal("p", "denghi.web", frozenset({"citizen"}), None, PV_CITIZEN_ID)
        _, pv_citizen, pv_citizen_password = keycloak.create_user(pv_template)
        # -- payments (spec 06): a commune officer prepares, a different person (the commune's
        # leader) approves
        pay_officer = accounts.create(PAY_COMMUNE, {"commune_officer"}, version="2025",
                                      first_name="Bình", last_name="Trần Văn")  # fmt: skip
        pay_leader = accounts.create(PAY_COMMUNE, {"commune_leader"}, version="2025",
                                     first_name="Lan", last_name="Nguyễn Thị")  # fmt: skip
        pay_token = keycloak.token(pay_officer.username, TEST_PASSWORD).json()["access_token"]
        _payment_beneficiaries(web_url, pay_token)
        pay_citizen_template = Principal(
            "p", "chitra.web", frozenset({"citizen"}), None, PAY_IDS[0]
        )
        _, pay_citizen, pay_citizen_password = keycloak.create_user(pay_citizen_template)
        with tempfile.TemporaryDirectory() as tmp:
            upload = Path(tmp) / "00004.xlsx"
            title = TitleBlock("Thành phố Hà Nội", "Phường Ba Đình", "00004", (2025, 10))
            write_workbook(upload, title, (_row(n) for n in range(1, ROWS + 1)))
            error_file = ARTIFACTS / "loi-00004.xlsx"
            pay_csv, pay_xlsx = ARTIFACTS / "chi-tra.csv", ARTIFACTS / "chi-tra.xlsx"
            env = {
                **os.environ, "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1", "CI": "1",
                "ANSINH_WEB_URL": web_url, "ANSINH_WEB_ARTIFACTS": str(ARTIFACTS),
                "WEB_OFFICER_USER": officer.username, "WEB_OFFICER_PASSWORD": TEST_PASSWORD,
                "WEB_LEADER_USER": leader.username, "WEB_LEADER_PASSWORD": TEST_PASSWORD,
                "WEB_NEW_ACCOUNT": new_account,
                "WEB_CITIZEN_USER": citizen, "WEB_CITIZEN_PASSWORD": citizen_password,
                "WEB_CITIZEN_NAME": CITIZEN_NAME, "WEB_CITIZEN_ID": CITIZEN_ID,
                "WEB_CITIZEN_BIRTH": CITIZEN_BIRTH.strftime("%d/%m/%Y"),
                "WEB_IMPORT_FILE": str(upload), "WEB_IMPORT_ROWS": str(ROWS),
                "WEB_IMPORT_REJECTED": str(ROWS // BAD_EVERY),
                "WEB_IMPORT_FIRST_ERROR_ROW": str(9 + BAD_EVERY),
                "WEB_ERROR_FILE_OUT": str(error_file),
                "WEB_DESK_USER": desk.username,
                "WEB_OFFICER2_USER": officer2.username,
                "WEB_POVERTY_ONLY_USER": poverty_only.username,
                "WEB_SOCIAL_ONLY_USER": social_only.username,
                "WEB_COMMUNE_LEADER_USER": commune_leader.username,
                "WEB_APPLICANT_USER": applicant, "WEB_APPLICANT_PASSWORD": applicant_password,
                "WEB_APPLICANT_NAME": APPLICANT_NAME, "WEB_APPLICANT_ID": APPLICANT_ID,
                "WEB_APPLICANT_BIRTH": APPLICANT_BIRTH.strftime("%d/%m/%Y"),
                "WEB_PV_HOUSEHOLD": pv_household, "WEB_PV_CITIZEN_HOUSEHOLD": pv_citizen_household,
                "WEB_PV_CITIZEN_USER": pv_citizen, "WEB_PV_CITIZEN_PASSWORD": pv_citizen_password,
                "WEB_PAY_OFFICER_USER": pay_officer.username,
                "WEB_PAY_LEADER_USER": pay_leader.username, "WEB_PAY_COMMUNE": PAY_COMMUNE,
                "WEB_PAY_MONTH": f"{PAY_MONTH[5:]}/{PAY_MONTH[:4]}",
                "WEB_PAY_CSV_OUT": str(pay_csv), "WEB_PAY_XLSX_OUT": str(pay_xlsx),
                "WEB_PAY_CITIZEN_USER": pay_citizen,
                "WEB_PAY_CITIZEN_PASSWORD": pay_citizen_password,
                **_records_users(keycloak, accounts),
            }  # fmt: skip
            run = subprocess.run(
                ["npx", "playwright", "test", *os.environ.get("ANSINH_WEB_SPECS", "").split()],
                cwd=WEB, env=env, text=True, capture_output=True, timeout=1080,
            )  # fmt: skip
        print(run.stdout[-6000:], run.stderr[-3000:])
        assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
        filters = os.environ.get("ANSINH_WEB_SPECS", "").split()
        specs = [p.name for p in sorted((WEB / "e2e").glob("*.spec.ts"))
                 if not filters or any(f in p.name for f in filters)]  # fmt: skip
        assert f"{len(specs)} passed" in run.stdout
        shots = sorted(p.name for p in (ARTIFACTS / "screenshots").glob("*.png"))
        if any(name.startswith("01-") for name in specs):
            # the error file the browser downloaded holds the rejected rows
            sheet = load_workbook(error_file, read_only=True).worksheets[0]
            rejected = [r for r in sheet.iter_rows(min_row=10, values_only=True) if any(r)]
            assert len(rejected) == ROWS // BAD_EVERY
        if any(name.startswith("06-") for name in specs):
            # the Excel file the browser downloaded carries the CSV's checksum (same rows)
            checksum = pay_csv.read_text("utf-8-sig").rstrip().splitlines()[-1].split(",")[1]
            cells = [c for row in load_workbook(pay_xlsx, read_only=True).worksheets[0]
                     .iter_rows(values_only=True) for c in row if c is not None]  # fmt: skip
            assert len(checksum) == 64 and checksum in cells
            assert set(PAYMENT_SHOTS) <= set(shots)
        if not filters:
            assert shots == sorted(
                ["citizen-portal.png", "login.png", "officer-accounts-field-error.png",
                 "officer-accounts.png", "officer-beneficiaries.png", "officer-excel-applied.png",
                 "officer-excel-errors.png", "officer-record.png", "citizen-apply.png",
                 "officer-dossier.png", "officer-dossier-queue.png", "leader-dossier-decided.png",
                 "citizen-dossier-decided.png", "officer-record-from-dossier.png",
                 "officer-poverty.png", "officer-reports.png", *PAYMENT_SHOTS,
                 # spec 07
                 "officer-poverty-survey.png", "officer-poverty-review.png",
                 "leader-poverty-decided.png", "citizen-poverty-request.png",
                 # spec 08
                 "officer-record-change-error.png", "officer-record-changed.png",
                 "officer-record-as-of.png", "officer-data-quality.png",
                 "citizen-contact-updated.png"]
            )  # fmt: skip
    finally:
        accounts.cleanup()
        keycloak.cleanup()
