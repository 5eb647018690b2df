"""Production values authenticate to Redis and Kafka, mesh the pods with mTLS and require OTP
for officers; development values keep everything open (issue 9, ADR 0011)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HELM = ROOT / ".tools" / "bin" / "helm"
CHART = ROOT / "charts" / "ansinh"


@pytest.fixture(scope="module", autouse=True)
def helm_and_packaged_dependencies() -> None:
    if not HELM.exists() or not (CHART / "charts").is_dir():
        subprocess.run([str(ROOT / "infra" / "charts.sh"), "check"], check=True, timeout=900)


def deployments(values_file: str) -> dict[str, dict[str, Any]]:
    out = subprocess.run(
        [str(HELM), "template", "t", str(CHART), "--kube-version", "1.34.0",
         "-f", str(CHART / values_file)],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    docs = [d for d in yaml.safe_load_all(out.stdout) if d and d.get("kind") == "Deployment"]
    return {d["metadata"]["name"]: d for d in docs}


def env_of(container: dict[str, Any]) -> dict[str, Any]:
    return {e["name"]: e.get("value", e.get("valueFrom")) for e in container.get("env", [])}


def test_production_authenticates_everywhere_and_meshes_pods() -> None:
    found = deployments("values-prod.yaml")
    registry = found["t-registry-hanoi"]
    pod = registry["spec"]["template"]
    assert pod["metadata"]["annotations"]["linkerd.io/inject"] == "enabled"
    assert pod["metadata"]["annotations"]["config.linkerd.io/default-inbound-policy"] == (
        "all-authenticated"
    )
    for container in pod["spec"]["containers"]:  # the server and its outbox relay
        env = env_of(container)
        assert env["ANSINH_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
        assert env["ANSINH_KAFKA_SASL_MECHANISM"] == "SCRAM-SHA-512"
        assert env["ANSINH_KAFKA_SASL_USERNAME"] == "ansinh-registry"
        assert env["ANSINH_KAFKA_SASL_PASSWORD"]["secretKeyRef"] == {
            "name": "ansinh-registry",
            "key": "password",
        }
        assert env["ANSINH_KAFKA_SSL_CA_LOCATION"] == "/etc/ansinh/kafka-ca/ca.crt"
        assert env["ANSINH_REDIS_URL"]["secretKeyRef"]["name"] == "ansinh-redis-registry"
        assert env["ANSINH_SERVICE_CLIENT_ID"] == "ansinh-registry"
        assert env["ANSINH_SERVICE_CLIENT_SECRET"]["secretKeyRef"]["name"] == (
            "ansinh-registry-keycloak"
        )
        mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
        assert mounts["kafka-ca"] == "/etc/ansinh/kafka-ca"
    identity = env_of(found["t-identity"]["spec"]["template"]["spec"]["containers"][0])
    assert identity["ANSINH_REQUIRE_OFFICER_OTP"] == "true"
    assert identity["ANSINH_REDIS_URL"]["secretKeyRef"]["name"] == "ansinh-redis-identity"


def test_development_stays_open_and_officers_log_in_without_otp() -> None:
    found = deployments("values-dev.yaml")
    identity = found["t-identity"]["spec"]["template"]
    env = env_of(identity["spec"]["containers"][0])
    assert env["ANSINH_REQUIRE_OFFICER_OTP"] == "false"
    assert "ANSINH_KAFKA_SECURITY_PROTOCOL" not in env
    assert "linkerd.io/inject" not in identity["metadata"].get("annotations", {})
