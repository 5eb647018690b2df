"""The alerting rules and the local Prometheus configuration pass Prometheus's own checker
(``promtool``, Debian's prometheus package): the rules parse, their unit tests
(infra/prometheus/alerts_test.yml: relay lag, DLQ growth, consumer lag, an unreachable shard or
target, overdue dossiers) give the expected alerts at the expected times, and the configuration
``make up`` renders is valid and loads those rules (ADR 0023)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from ansinh_common.telemetry.scrape import ALERT_RULES, LOCAL_TARGETS, render_config

PROMTOOL = shutil.which("promtool") or "/usr/bin/promtool"
RULE_TESTS = ALERT_RULES.with_name("alerts_test.yml")
REQUIRED_ALERTS = {
    "AnsinhOutboxRelayLag",
    "AnsinhDeadLetters",
    "AnsinhConsumerLag",
    "AnsinhShardUnreachable",
    "AnsinhTargetDown",
    "AnsinhDossiersOverdue",
}


def promtool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PROMTOOL, *args], capture_output=True, text=True, timeout=60, check=False
    )


def test_the_rules_parse() -> None:
    out = promtool("check", "rules", str(ALERT_RULES))
    assert out.returncode == 0, out.stdout + out.stderr
    assert f"SUCCESS: {len(REQUIRED_ALERTS)} rules found" in out.stdout


def test_the_rules_fire_as_their_unit_tests_say() -> None:
    out = promtool("test", "rules", str(RULE_TESTS))
    assert out.returncode == 0, out.stdout + out.stderr
    tested = set(re.findall(r"alertname:\s*(\w+)", RULE_TESTS.read_text(encoding="utf-8")))
    assert tested == REQUIRED_ALERTS


def test_a_broken_rule_is_caught(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "groups:\n  - name: x\n    rules:\n      - alert: X\n        expr: sum by (a (up)\n",
        encoding="utf-8",
    )
    assert promtool("check", "rules", str(broken)).returncode != 0


def test_the_local_configuration_is_valid_and_scrapes_every_program(tmp_path: Path) -> None:
    config = tmp_path / "prometheus.yml"
    config.write_text(render_config(LOCAL_TARGETS), encoding="utf-8")
    out = promtool("check", "config", str(config))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "SUCCESS: 1 rule files found" in out.stdout
    programs = {
        path.stem for path in (ALERT_RULES.parents[1] / "supervisor" / "apps").glob("*.conf")
    }
    scraped = {target.job for target in LOCAL_TARGETS}
    # every program under supervisor exports metrics, but the simulators of external systems
    # (the population database, the provincial one-stop portal)
    assert programs - {"population-db-sim", "provincial-portal-sim"} == scraped
