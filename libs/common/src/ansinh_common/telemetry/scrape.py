"""The Prometheus configuration that scrapes every An Sinh process (ADR 0023).

``python -m ansinh_common.telemetry.scrape --out .run/prometheus/prometheus.yml`` writes the
local one (the supervisor's programs and their metrics ports, :data:`LOCAL_TARGETS`); tests
render their own with the ports of the processes they started. Every target gets the labels
the dashboards filter on: ``job`` and ``pod`` (the program), ``service`` (the owning
service) and ``namespace`` (``local``; the pod's namespace in Kubernetes). The file is JSON,
which Prometheus reads as YAML.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[5]
ALERT_RULES = ROOT / "infra" / "prometheus" / "alerts.yml"
"""The alerting rules (relay lag, DLQ growth, overdue dossiers, unreachable shard or target)."""
PROMETHEUS_PORT = 59090


@dataclass(frozen=True)
class ScrapeTarget:
    job: str
    """The program, e.g. ``registry-outbox-relay``."""
    service: str
    """The service it belongs to, e.g. ``registry``."""
    address: str
    """``host:port`` of its ``/metrics``."""


def _local(job: str, service: str, port: int) -> ScrapeTarget:
    return ScrapeTarget(job, service, f"127.0.0.1:{port}")


LOCAL_TARGETS: tuple[ScrapeTarget, ...] = (
    _local("gateway", "gateway", 58150),
    _local("identity", "identity", 58151),
    _local("dossier", "dossier", 58152),
    _local("registry", "registry", 58153),
    _local("poverty", "poverty", 58154),
    _local("payment", "payment", 58155),
    _local("reporting", "reporting", 58156),
    _local("registry-worker", "registry", 58253),
    _local("dossier-worker", "dossier", 58252),
    _local("payment-worker", "payment", 58255),
    _local("reporting-worker", "reporting", 58256),
    _local("dossier-outbox-relay", "dossier", 58352),
    _local("registry-outbox-relay", "registry", 58353),
    _local("poverty-outbox-relay", "poverty", 58354),
    _local("payment-outbox-relay", "payment", 58355),
    _local("reporting-outbox-relay", "reporting", 58356),
    _local("prometheus", "prometheus", PROMETHEUS_PORT),
)
"""What ``make up`` runs (infra/supervisor/apps/*.conf) and where each one exports metrics."""


def render_config(
    targets: Sequence[ScrapeTarget],
    *,
    scrape_interval: str = "5s",
    evaluation_interval: str | None = None,
    rule_files: Sequence[Path] = (ALERT_RULES,),
    namespace: str = "local",
    external_labels: Mapping[str, str] | None = None,
) -> str:
    """The prometheus.yml text scraping ``targets``."""
    config = {
        "global": {
            "scrape_interval": scrape_interval,
            "scrape_timeout": scrape_interval,
            "evaluation_interval": evaluation_interval or scrape_interval,
            "external_labels": dict(external_labels or {"platform": "ansinh"}),
        },
        "rule_files": [str(path) for path in rule_files],
        "scrape_configs": [
            {
                "job_name": target.job,
                "static_configs": [
                    {
                        "targets": [target.address],
                        "labels": {
                            "service": target.service,
                            "pod": target.job,
                            "namespace": namespace,
                        },
                    }
                ],
            }
            for target in targets
        ],
    }
    return json.dumps(config, indent=2) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ansinh_common.telemetry.scrape")
    parser.add_argument("--out", type=Path, required=True, help="prometheus.yml to write")
    parser.add_argument("--scrape-interval", default="5s")
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        render_config(LOCAL_TARGETS, scrape_interval=args.scrape_interval), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
