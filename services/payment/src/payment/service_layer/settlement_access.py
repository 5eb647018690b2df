"""Who may settle a commune's payments (ADR 0020, ``ansinh_common.authz``, ADR 0006).

The commune's own staff record channels, export the files, import the results and add
corrections (a write on the commune, by a person whose unit is a commune); province and
district staff only read (reconciliation, proposals) within their unit. Which list states
allow what (export only an approved list, results only for an exported one) is checked by
the use cases themselves.
"""

from __future__ import annotations

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Action, Level, UnitTree, unit_level
from ansinh_common.errors import PermissionDenied
from payment.service_layer.access import require_on


class NotCommuneStaff(PermissionDenied):
    def __init__(self) -> None:
        super().__init__(
            "Chỉ cán bộ cấp xã của xã chi trả mới được ghi hình thức chi trả, xuất tệp, "
            "nhập kết quả hoặc điều chỉnh; cấp tỉnh và huyện chỉ được xem."
        )


def require_settle(principal: Principal, commune_code: str, units: UnitTree) -> None:
    """A write on the commune's settlement: its own commune officer or leader."""
    require_on(principal, Action.WRITE, commune_code, units)
    if unit_level(principal.unit_code or "") is not Level.COMMUNE:
        raise NotCommuneStaff()


def require_read(principal: Principal, commune_code: str, units: UnitTree) -> None:
    """Reading a commune's settlement: staff of the commune or of a unit above it."""
    require_on(principal, Action.READ, commune_code, units)
