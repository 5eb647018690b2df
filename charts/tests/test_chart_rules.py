"""The umbrella chart refuses inconsistent shard layouts (``render``: conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest


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
def test_inconsistent_values_are_refused(render: Any, values: str, message: str) -> None:
    out = render(values)
    assert out.returncode != 0
    assert message in out.stderr


def test_each_group_gets_its_provinces_and_shard_urls(render: Any) -> None:
    out = render(
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
