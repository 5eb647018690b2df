"""Rendering the umbrella chart with helm (built by infra/charts.sh into .tools/)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HELM = ROOT / ".tools" / "bin" / "helm"
CHART = ROOT / "charts" / "ansinh"

Render = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def render(tmp_path_factory: pytest.TempPathFactory) -> Render:
    """``render(values_yaml, *values_files)``: ``helm template t charts/ansinh`` with the
    chart's files (``values-dev.yaml`` …) and then the given YAML; helm is built and the
    chart's dependencies packaged first when they are missing."""
    if not HELM.exists() or not (CHART / "charts").is_dir():
        subprocess.run([str(ROOT / "infra" / "charts.sh"), "check"], check=True, timeout=900)
    folder = tmp_path_factory.mktemp("values")

    def run(values: str = "", *values_files: str) -> subprocess.CompletedProcess[str]:
        file = folder / "values.yaml"
        file.write_text(values)
        files = [arg for name in values_files for arg in ("-f", str(CHART / name))]
        return subprocess.run(
            [str(HELM), "template", "t", str(CHART), "--kube-version", "1.34.0", *files,
             "-f", str(file)],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip

    return run
