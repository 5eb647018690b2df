# ruff: noqa: N802 (method names are the RPC names)
"""gRPC servicer of ``ansinh.identity.v1.IdentityService``: proto ↔ commands, nothing more.

Domain errors escaping a method are mapped to gRPC statuses with a Vietnamese problem by the
standard interceptors (``ansinh_common.grpc.server``).
"""

from __future__ import annotations

from datetime import date

import grpc

from ansinh.common.v1 import common_pb2
from ansinh.identity.v1 import identity_pb2, identity_pb2_grpc
from ansinh_common.auth.principal import require_principal
from ansinh_common.catalogs.personal_id import Gender
from ansinh_common.errors import FieldError, InvalidInput
from identity.domain import commands
from identity.domain.model import Account
from identity.service_layer import handlers
from identity.service_layer.handlers import Services

CLIENT_ADDRESS_METADATA_KEY = "ansinh-client-address"

_GENDERS = {
    identity_pb2.GENDER_MALE: Gender.MALE,
    identity_pb2.GENDER_FEMALE: Gender.FEMALE,
}
_REASONS = {
    "national_id_invalid": identity_pb2.MISMATCH_REASON_NATIONAL_ID_INVALID,
    "national_id_not_found": identity_pb2.MISMATCH_REASON_NATIONAL_ID_NOT_FOUND,
    "full_name_mismatch": identity_pb2.MISMATCH_REASON_FULL_NAME,
    "full_name_diacritics_mismatch": identity_pb2.MISMATCH_REASON_FULL_NAME_DIACRITICS,
    "birth_date_mismatch": identity_pb2.MISMATCH_REASON_BIRTH_DATE,
    "gender_mismatch": identity_pb2.MISMATCH_REASON_GENDER,
}


def client_address(context: grpc.ServicerContext) -> str:
    """The caller's address as the gateway saw it, else the gRPC peer."""
    for key, value in context.invocation_metadata() or ():
        if key == CLIENT_ADDRESS_METADATA_KEY:
            return value.decode() if isinstance(value, bytes) else str(value)
    return str(context.peer())


def account_message(account: Account) -> identity_pb2.Account:
    return identity_pb2.Account(
        user_id=account.user_id,
        username=account.username,
        first_name=account.first_name,
        last_name=account.last_name,
        email=account.email,
        unit_code=account.unit_code or "",
        catalog_version=account.catalog_version,
        roles=sorted(account.roles),
        enabled=account.enabled,
    )


def _date(value: common_pb2.Date) -> date | None:
    if not (value.year or value.month or value.day):
        return None
    try:
        return date(value.year, value.month, value.day)
    except ValueError:
        raise InvalidInput(
            errors=[FieldError("birth_date", "Ngày sinh không hợp lệ.", "invalid_date")]
        ) from None


class IdentityServicer(identity_pb2_grpc.IdentityServiceServicer):
    def __init__(self, services: Services) -> None:
        self._services = services

    def CreateAccount(
        self, request: identity_pb2.CreateAccountRequest, context: grpc.ServicerContext
    ) -> identity_pb2.CreateAccountResponse:
        cmd = commands.CreateAccount(
            username=request.username,
            first_name=request.first_name,
            last_name=request.last_name,
            email=request.email,
            unit_code=request.unit_code,
            roles=tuple(request.roles),
            password=request.password,
            temporary_password=request.temporary_password,
        )
        result = handlers.create_account(
            cmd, require_principal(), client_address(context), self._services
        )
        return identity_pb2.CreateAccountResponse(
            account=account_message(result.account), generated_password=result.generated_password
        )

    def DisableAccount(
        self, request: identity_pb2.DisableAccountRequest, context: grpc.ServicerContext
    ) -> identity_pb2.DisableAccountResponse:
        result = handlers.disable_account(
            commands.DisableAccount(request.username),
            require_principal(),
            client_address(context),
            self._services,
        )
        return identity_pb2.DisableAccountResponse(account=account_message(result.account))

    def EnableAccount(
        self, request: identity_pb2.EnableAccountRequest, context: grpc.ServicerContext
    ) -> identity_pb2.EnableAccountResponse:
        result = handlers.enable_account(
            commands.EnableAccount(request.username),
            require_principal(),
            client_address(context),
            self._services,
        )
        return identity_pb2.EnableAccountResponse(account=account_message(result.account))

    def ResetPassword(
        self, request: identity_pb2.ResetPasswordRequest, context: grpc.ServicerContext
    ) -> identity_pb2.ResetPasswordResponse:
        result = handlers.reset_password(
            commands.ResetPassword(request.username, request.password, request.temporary),
            require_principal(),
            client_address(context),
            self._services,
        )
        return identity_pb2.ResetPasswordResponse(
            account=account_message(result.account), generated_password=result.generated_password
        )

    def CheckCitizenIdentity(
        self, request: identity_pb2.CheckCitizenIdentityRequest, context: grpc.ServicerContext
    ) -> identity_pb2.CheckCitizenIdentityResponse:
        cmd = commands.CheckCitizenIdentity(
            national_id=request.national_id,
            full_name=request.full_name,
            birth_date=_date(request.birth_date) if request.HasField("birth_date") else None,
            gender=_GENDERS.get(request.gender),
        )
        result = handlers.check_citizen_identity(cmd, require_principal(), self._services)
        return identity_pb2.CheckCitizenIdentityResponse(
            matched=result.matched,
            mismatches=[
                identity_pb2.Mismatch(
                    reason=_REASONS[m.code], field=m.field, message=m.message, code=m.code
                )
                for m in result.mismatches
            ],
        )
