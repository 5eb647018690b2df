"""Every service with a worker (``entrypoints/worker.py``) deploys it: a Deployment per shard
group running ``python -m <svc>.entrypoints.worker``, in every values file of the umbrella."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
VALUES_FILES = [(), ("values-dev.yaml",), ("values-prod.yaml",)]


def services_with_a_worker() -> list[str]:
    return sorted(p.parents[1].name for p in ROOT.glob("services/*/src/*/entrypoints/worker.py"))


def workers_without_deployment(manifests: str, services: list[str]) -> list[str]:
    """The services among ``services`` whose worker no rendered Deployment runs."""
    commands = [
        " ".join(container.get("command") or [])
        for doc in yaml.safe_load_all(manifests)
        if doc and doc.get("kind") == "Deployment"
        for container in doc["spec"]["template"]["spec"]["containers"]
    ]
    return [s for s in services if not any(f"{s}.entrypoints.worker" in c for c in commands)]


def test_the_registry_has_a_worker() -> None:
    assert "registry" in services_with_a_worker()


@pytest.mark.parametrize("files", VALUES_FILES, ids=["default", "dev", "prod"])
def test_every_worker_is_deployed(render: Any, files: tuple[str, ...]) -> None:
    out = render("", *files)
    assert out.returncode == 0, out.stderr
    assert workers_without_deployment(out.stdout, services_with_a_worker()) == []


def test_a_worker_without_deployment_is_found(render: Any) -> None:
    """The check fails when a service's worker is not deployed (here: switched off)."""
    out = render("registry:\n  worker: {enabled: false}\n")
    assert out.returncode == 0, out.stderr
    assert workers_without_deployment(out.stdout, services_with_a_worker()) == ["registry"]


def test_the_worker_serves_its_group_with_probes_and_a_budget(render: Any) -> None:
    out = render(
        "registry:\n  shardGroups:\n"
        '    - {name: a, shards: [{name: s1, provinces: ["01"]}]}\n'
        '    - {name: b, shards: [{name: s2, provinces: ["04"]}]}\n'
    )
    assert out.returncode == 0, out.stderr
    docs = [d for d in yaml.safe_load_all(out.stdout) if d]
    workers = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Deployment"}
    budgets = {d["metadata"]["name"] for d in docs if d["kind"] == "PodDisruptionBudget"}
    for group, shards in (("a", '["s1"]'), ("b", '["s2"]')):
        name = f"t-registry-{group}-worker"
        assert name in budgets
        container = workers[name]["spec"]["template"]["spec"]["containers"][0]
        env = {e["name"]: e.get("value") for e in container["env"]}
        assert env["ANSINH_WORKER_SHARDS"] == shards
        assert env["ANSINH_WORKER_METRICS_PORT"] == "58153"
        assert container["livenessProbe"]["httpGet"] == {"path": "/metrics", "port": "metrics"}
        assert container["readinessProbe"]["httpGet"] == {"path": "/metrics", "port": "metrics"}
