"""The counts an owning service answers for the reporting service's reconciliation (ADR 0022,
ADR 0035): ``CountForReconciliation(CountRequest) → CountResponse`` of poverty, dossier and
payment (the registry has its own ``CountBeneficiaries``).

Only internal services (the ``internal_service`` role of the service accounts) and the
ministry's officials may count a province; the count is one ``GROUP BY`` on the province's
shard, the SQL given by the service (a constant with the ``:province`` parameter, returning
``(key, count)`` rows).
"""

from __future__ import annotations

from sqlalchemy import text

from ansinh.common.v1 import counts_pb2
from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Kind
from ansinh_common.authz.roles import role_specs
from ansinh_common.catalogs.admin_units import CatalogVersion, find_unit
from ansinh_common.db import ShardRouter
from ansinh_common.errors import FieldError, InvalidInput, PermissionDenied

INTERNAL_SERVICE_ROLE = "internal_service"
MSG_REFUSED = "Chỉ dịch vụ nội bộ hoặc cán bộ cấp Bộ được đếm số liệu theo tỉnh để đối soát."


def check_may_count(principal: Principal, province_code: str) -> None:
    """An internal service or a ministry official, and a province of the 2025 catalog."""
    official = any(s.kind in (Kind.OFFICER, Kind.LEADER) for s in role_specs(principal.roles))
    ministry = principal.unit_code == "VN" and official
    if not (principal.has_role(INTERNAL_SERVICE_ROLE) or ministry):
        raise PermissionDenied(MSG_REFUSED)
    if len(province_code) != 2 or find_unit(province_code, CatalogVersion.V2025) is None:
        msg = f"Mã tỉnh '{province_code}' không có trong danh mục 2025."
        raise InvalidInput(msg, errors=[FieldError("province_code", msg)])


def count_province(
    principal: Principal, router: ShardRouter, province_code: str, sql: str
) -> counts_pb2.CountResponse:
    """The checked request answered from the province's shard."""
    check_may_count(principal, province_code)
    with router.session(province_code) as session:
        rows = session.execute(text(sql), {"province": province_code}).all()
    counts = sorted((str(k), int(n)) for k, n in rows if int(n))
    return counts_pb2.CountResponse(
        province_code=province_code,
        shard=router.shard_for(province_code),
        counts=[counts_pb2.KeyCount(key=k, count=n) for k, n in counts],
    )
