"""Who may do what on poverty records: ``ansinh_common.authz`` with the poverty domain.

Households, their history and certificates are records of the poverty field (Ministry of
Agriculture and Environment since 2025): an account holding only the social-assistance domain
is refused (ADR 0006). The status query is the one link to the social-assistance side: it
answers a yes/no fact about a person, so it needs read access to the household's unit but not
the poverty domain.
"""

from __future__ import annotations

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Action, Domain, Kind, Resource, UnitTree, require
from ansinh_common.authz.roles import role_specs
from ansinh_common.errors import FieldError, InvalidInput, PermissionDenied

CATALOG_VERSION = "2025"


class Access:
    def __init__(self, units: UnitTree) -> None:
        self.units = units

    def household(self, principal: Principal, action: Action, commune_code: str) -> None:
        resource = Resource(commune_code, CATALOG_VERSION, domain=Domain.POVERTY)
        require(principal, action, resource, units=self.units)

    def file_request(self, principal: Principal, commune_code: str, members: set[str]) -> bool:
        """May ``principal`` file a review request for a household of ``commune_code`` with
        these members' ID numbers? True at the counter (an official of the commune), False
        online (a citizen of the household)."""
        if any(s.kind in (Kind.OFFICER, Kind.LEADER) for s in role_specs(principal.roles)):
            self.household(principal, Action.WRITE, commune_code)
            return True
        own = principal.national_id if principal.national_id in members else None
        resource = Resource(
            commune_code, CATALOG_VERSION, owner_national_id=own, domain=Domain.POVERTY
        )
        require(principal, Action.WRITE, resource, units=self.units)
        return False

    def person_status(
        self, principal: Principal, national_id: str, commune_code: str | None
    ) -> None:
        """Read the status of ``national_id``'s household (in ``commune_code``, if found)."""
        if commune_code is not None:
            resource = Resource(commune_code, CATALOG_VERSION, owner_national_id=national_id)
            require(principal, Action.READ, resource, units=self.units)
            return
        officials = [
            s for s in role_specs(principal.roles) if s.kind in (Kind.OFFICER, Kind.LEADER)
        ]
        if principal.national_id == national_id or officials:
            return
        raise PermissionDenied("Tài khoản không có quyền tra cứu diện hộ nghèo, hộ cận nghèo.")

    def check_residence(self, province_code: str, commune_code: str) -> None:
        """The commune must be a 2025 commune of the province (its shard)."""
        try:
            ancestors = self.units.ancestors(commune_code, CATALOG_VERSION)
        except LookupError:
            ancestors = ()
        if province_code not in ancestors or len(commune_code) != 5:
            raise InvalidInput(
                errors=[
                    FieldError(
                        "household.commune_code",
                        f"{commune_code!r} không phải mã xã (danh mục 2025) của tỉnh "
                        f"{province_code!r}.",
                    )
                ]
            )
