"""``ProvincePolicies`` on a shard session: ``province_settings`` rows ↔ ``ProvincePolicy``.

``approved_through`` is the latest month with an approved (or later) list in the province;
``used_through`` per setting line is stored on its versions when a list is approved.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from payment.adapters.orm import payment_lists, province_settings
from payment.domain.months import Month
from payment.domain.policy import (
    STANDARD_LEVEL_KEY,
    HigherStandardLevel,
    ProvinceAllowance,
    ProvincePolicy,
    Resolution,
    Setting,
)


class SqlProvincePolicies:
    def __init__(self, session: Session, *, recorded_by: str = "system:payment") -> None:
        self.session = session
        self.seen: dict[str, ProvincePolicy] = {}
        self.recorded_by = recorded_by

    def get(self, province_code: str) -> ProvincePolicy:
        if province_code in self.seen:
            return self.seen[province_code]
        rows = self.session.execute(
            select(province_settings)
            .where(province_settings.c.province_code == province_code)
            .order_by(province_settings.c.key, province_settings.c.effective_from)
        ).all()
        approved = self.session.execute(
            select(func.max(payment_lists.c.month)).where(
                payment_lists.c.province_code == province_code,
                payment_lists.c.state != "draft",
            )
        ).scalar_one()
        policy = ProvincePolicy(
            province_code,
            settings=[_setting(r._mapping) for r in rows],
            approved_through=Month.of(approved) if approved is not None else None,
        )
        for r in rows:
            used = r._mapping["used_through"]
            if used is not None:
                policy.mark_used(frozenset({r._mapping["key"]}), Month.of(used))
        policy.approved_through = Month.of(approved) if approved is not None else None
        self.seen[province_code] = policy
        return policy

    def save(self, policy: ProvincePolicy) -> None:
        self.seen[policy.province_code] = policy
        for setting in policy.settings:
            values = _values(policy.province_code, setting)
            stmt = insert(province_settings).values(
                id=str(uuid.uuid4()), recorded_by=self.recorded_by, **values
            )
            self.session.execute(
                stmt.on_conflict_do_update(
                    index_elements=["province_code", "key", "effective_from"],
                    set_={k: stmt.excluded[k] for k in values if k not in ("province_code",)},
                    where=province_settings.c.used_through.is_(None),
                )
            )
        for key, month in policy.used_through.items():
            self.session.execute(
                update(province_settings)
                .where(
                    province_settings.c.province_code == policy.province_code,
                    province_settings.c.key == key,
                    province_settings.c.effective_from <= month.first_day(),
                )
                .values(used_through=month.first_day())
            )


def _values(province_code: str, s: Setting) -> dict[str, Any]:
    common = {
        "province_code": province_code,
        "key": s.key,
        "effective_from": s.effective_from.first_day(),
        "resolution_number": s.resolution.number,
        "resolution_signed_on": s.resolution.signed_on,
    }
    if isinstance(s, HigherStandardLevel):
        return {**common, "kind": "standard_level", "amount_vnd": s.amount}
    return {
        **common,
        "kind": "allowance",
        "amount_vnd": s.amount,
        "coefficient": s.coefficient,
        "groups": sorted(s.groups),
        "name": s.name,
    }


def _setting(row: Any) -> Setting:
    resolution = Resolution(row["resolution_number"], row["resolution_signed_on"])
    start = Month.of(row["effective_from"])
    if row["kind"] == "standard_level" or row["key"] == STANDARD_LEVEL_KEY:
        return HigherStandardLevel(row["amount_vnd"], start, resolution)
    return ProvinceAllowance(
        key=row["key"], name=row["name"], groups=frozenset(row["groups"]),
        effective_from=start, resolution=resolution, amount=row["amount_vnd"],
        coefficient=row["coefficient"],
    )  # fmt: skip
