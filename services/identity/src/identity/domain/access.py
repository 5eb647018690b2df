"""Who may check a citizen's identity (the account rules themselves are in ``ansinh_common.authz``).

Officials and leaders check applicants' identities as part of receiving a dossier; a citizen
may check only their own personal ID number (Circular 11/2019/TT-BLĐTBXH Art. 4.1: citizens
act on their own information). ``system_admin`` administers accounts only (ADR 0006) and does
not reach personal data.
"""

from __future__ import annotations

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Kind
from ansinh_common.authz.roles import role_specs
from ansinh_common.errors import PermissionDenied

MSG_CITIZEN_OTHER = "Công dân chỉ được xác thực thông tin định danh của chính mình."
MSG_NO_ROLE = "Tài khoản không có quyền tra cứu Cơ sở dữ liệu quốc gia về dân cư."


def require_identity_check(principal: Principal, national_id: str) -> None:
    kinds = {spec.kind for spec in role_specs(principal.roles)}
    if kinds & {Kind.OFFICER, Kind.LEADER}:
        return
    if Kind.CITIZEN in kinds:
        if principal.national_id and principal.national_id == national_id:
            return
        raise PermissionDenied(MSG_CITIZEN_OTHER)
    raise PermissionDenied(MSG_NO_ROLE)
