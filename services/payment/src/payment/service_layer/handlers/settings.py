"""Record a province's policy setting: its higher standard level or an allowance of its own.

Data, not code (issue 13): a province officer records each version with the resolution's
number and date; ``ProvincePolicy.record`` refuses a version that would change a month an
approved list already used (Decree 20/2021/NĐ-CP Art. 4.2; ``domain/policy.py``).
"""

from __future__ import annotations

from datetime import date

from ansinh_common.authz import Action, UnitTree
from payment.domain.commands import RecordSetting
from payment.domain.policy import Setting
from payment.service_layer.access import require_on
from payment.service_layer.unit_of_work import UnitOfWorkFactory


def record_setting(
    cmd: RecordSetting, *, uow: UnitOfWorkFactory, units: UnitTree, today: date
) -> Setting:
    """A write on the province: its own officers (and the ministry's) record its settings."""
    require_on(cmd.principal, Action.WRITE, cmd.province_code, units)
    with uow(cmd.province_code) as u:
        policy = u.policies.get(cmd.province_code)
        policy.record(cmd.setting, today)
        u.policies.save(policy)
        u.commit()
        return cmd.setting
