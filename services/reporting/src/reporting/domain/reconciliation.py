"""Reconciliation: the read model's counts against the owning service's, per province, shard
and status (plain data; the job that fetches both is in the service layer)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Difference:
    """A count that differs: a lost, late or duplicated effect to look into."""

    province_code: str
    shard: str
    status: str
    read_model: int
    owner: int
    source: str = "registry"  # the owning service: registry, poverty, dossier, payment

    @property
    def missing(self) -> int:
        """Records the read model lacks (negative: it has more than the owner)."""
        return self.owner - self.read_model


def differences(
    province_code: str,
    shard: str,
    read_model: dict[str, int],
    owner: dict[str, int],
    source: str = "registry",
) -> list[Difference]:
    return [
        Difference(
            province_code, shard, status, read_model.get(status, 0), owner.get(status, 0), source
        )
        for status in sorted(set(read_model) | set(owner))
        if read_model.get(status, 0) != owner.get(status, 0)
    ]
