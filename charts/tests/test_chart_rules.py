"""The umbrella chart refuses inconsistent shard layouts (needs helm: infra/charts.sh builds it)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HELM = ROOT / ".tools" / "bin" / "helm"
CHART = ROOT / "charts" / "ansinh"


@pytest.fixture(scope="module", autouse=True)
def helm_and_packaged_dependencies() -> None:
    """Build helm (cached in .tools/) and package the chart's dependencies when they are missing."""
    if not HELM.exists() or not (CHART / "charts").is_dir():
        subprocess.run([str(ROOT / "infra" / "charts.sh"), "check"], check=True, timeout=900)


def render(tmp_path: Path, values: str) -> subprocess.CompletedProcess[str]:
    file = tmp_path / "values.yaml"
    file.write_text(values)
    return subprocess.run(
        [str(HELM), "template", "t", str(CHART), "--kube-version", "1.34.0", "-f", str(file)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            'registry:\n  shardGroups:\n    - {name: a, shards: [{name: s1, provinces: ["01"]}]}\n'
            '    - {name: b, shards: [{name: s2, provinces: ["01"]}]}\n',
            "province 01 is in shards s1 and s2",
        ),
        (
            'registry:\n  shardGroups:\n    - {name: a, shards: [{name: s1, provinces: ["01"]}]}\n'
            '    - {name: b, shards: [{name: s1, provinces: ["04"]}]}\n',
            'shard "s1" is in two groups',
        ),
        (
            "registry:\n  shardGroups:\n    - {name: a, shards: [{name: s1, provinces: [1]}]}\n",
            "must be two digits",
        ),
        (
            "registry:\n  shardGroups:\n"
            '    - {name: a, shards: [{name: S-1, provinces: ["01"]}]}\n',
            "must be lower case",
        ),
        (
            "global:\n  networkPolicy: {enabled: true}\n"
            "identity:\n  networkPolicy: {externals: [nope]}\n",
            'names "nope", which global.externals does not define',
        ),
    ],
)
def test_inconsistent_values_are_refused(tmp_path: Path, values: str, message: str) -> None:
    out = render(tmp_path, values)
    assert out.returncode != 0
    assert message in out.stderr


def test_each_group_gets_its_provinces_and_shard_urls(tmp_path: Path) -> None:
    out = render(
        tmp_path,
        "registry:\n  shardGroups:\n"
        '    - {name: a, shards: [{name: s1, provinces: ["01", "79"]}]}\n'
        '    - {name: b, shards: [{name: s2, provinces: ["04"]}, {name: s3, provinces: []}]}\n',
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "name: t-registry-a\n" in text and "name: t-registry-b\n" in text
    assert r'value: "{\"01\":\"s1\",\"79\":\"s1\"}"' in text
    assert r'value: "{\"04\":\"s2\"}"' in text
    for shard in ("S1", "S2", "S3"):
        assert f"name: ANSINH_SHARDS__{shard}\n" in text
