"""The gateway in the cluster reaches the same gRPC backends as in ``make up``: every
``ANSINH_GRPC_BACKENDS__<SERVICE>`` of ``infra/supervisor/apps/gateway.conf`` is set on the
rendered gateway Deployment (a backend missing there answers 503 on its routes in production
only), pointing at that service's release Service and port."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SUPERVISOR_CONF = ROOT / "infra" / "supervisor" / "apps" / "gateway.conf"
BACKEND = re.compile(r"ANSINH_GRPC_BACKENDS__([A-Z_]+)=\"[^\":]+:(\d+)\"")


def local_backends() -> dict[str, str]:
    """``{"REGISTRY": "58053", …}`` from the supervisor program of ``make up``."""
    return dict(BACKEND.findall(SUPERVISOR_CONF.read_text()))


def gateway_backends(manifests: str) -> dict[str, str]:
    """The backends set on the rendered gateway containers: name → ``host:port``."""
    found: dict[str, str] = {}
    for doc in yaml.safe_load_all(manifests):
        if not doc or doc.get("kind") != "Deployment" or "gateway" not in doc["metadata"]["name"]:
            continue
        for container in doc["spec"]["template"]["spec"]["containers"]:
            for env in container.get("env") or []:
                if env["name"].startswith("ANSINH_GRPC_BACKENDS__"):
                    found[env["name"].removeprefix("ANSINH_GRPC_BACKENDS__")] = env["value"]
    return found


def test_make_up_names_the_backends() -> None:
    assert {"IDENTITY", "REGISTRY", "DOSSIER"} <= set(local_backends())


@pytest.mark.parametrize("files", [(), ("values-dev.yaml",), ("values-prod.yaml",)])
def test_the_chart_gateway_reaches_every_backend(render: Any, files: tuple[str, ...]) -> None:
    out = render("", *files)
    assert out.returncode == 0, out.stderr
    chart = gateway_backends(out.stdout)
    for name, port in local_backends().items():
        assert chart.get(name) == f"t-{name.lower()}:{port}", (name, chart)


def test_a_missing_backend_is_found(render: Any) -> None:
    """Without the registry's entry the rendered gateway lacks it (the check can fail)."""
    out = render("gateway:\n  env:\n    ANSINH_GRPC_BACKENDS__REGISTRY: null\n")
    assert out.returncode == 0, out.stderr
    assert "REGISTRY" not in gateway_backends(out.stdout)
