"""One audit entry per account action: who, from where, on what, and how it ended."""

from __future__ import annotations

import logging

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import AccessDenied
from ansinh_common.errors import DomainError
from identity.domain.audit import Actor, AuditEntry, Outcome
from identity.domain.model import AccountAction
from identity.service_layer.dependencies import Services

log = logging.getLogger(__name__)


def actor_of(principal: Principal, client_address: str) -> Actor:
    return Actor(
        subject=principal.subject,
        username=principal.username,
        unit_code=principal.unit_code,
        roles=tuple(sorted(principal.roles)),
        client_address=client_address,
    )


class Audited:
    """Writes one audit entry per attempt: refusals at once; allowed actions as ``pending``
    before Keycloak is called and with their outcome after, so none goes unrecorded."""

    def __init__(self, services: Services, entry: AuditEntry) -> None:
        self.services, self.entry = services, entry

    def _save(self) -> None:
        with self.services.uow() as uow:
            uow.audit.add(self.entry)
            uow.commit()

    def refuse(self, error: DomainError, shown: DomainError | None = None) -> DomainError:
        """Audit the refusal with its real reason; return the error to raise (``shown``: what
        the caller is told when it has no right to know more)."""
        code = error.decision.code.value if isinstance(error, AccessDenied) else error.code
        self.entry.finish(Outcome.REFUSED, self.services.clock(), code=code, reason=error.detail)
        self._save()
        log.info(
            "account %s refused", self.entry.action.value,
            extra={"actor": self.entry.actor.username, "target": self.entry.target_username,
                   "reason_code": code, "client_address": self.entry.actor.client_address},
        )  # fmt: skip
        return shown or error

    def start(self) -> None:
        self._save()

    def fail(self, error: DomainError) -> DomainError:
        self.entry.finish(
            Outcome.FAILED, self.services.clock(), code=error.code, reason=error.detail
        )
        self._save()
        return error

    def succeed(self, user_id: str) -> None:
        self.entry.target_user_id = user_id
        self.entry.finish(Outcome.SUCCEEDED, self.services.clock())
        self._save()


def audit_entry(
    services: Services,
    actor: Actor,
    action: AccountAction,
    username: str,
    unit: str | None,
    version: str,
    user_id: str | None = None,
) -> AuditEntry:
    return AuditEntry(
        id=services.new_id(),
        at=services.clock(),
        actor=actor,
        action=action,
        target_username=username,
        target_unit=unit,
        catalog_version=version,
        target_user_id=user_id,
    )
