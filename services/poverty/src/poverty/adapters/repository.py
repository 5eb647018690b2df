"""Households of one shard in SQL (tables of ``orm``), for ``HouseholdRepository``."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ansinh_common.catalogs.personal_id import Gender
from ansinh_common.catalogs.poverty_standards import Area
from poverty.adapters.orm import (
    certificates,
    household_members,
    households,
    review_requests,
    reviews,
    status_changes,
)
from poverty.adapters.review_codec import review_from_json, review_to_json
from poverty.domain.model import (
    Household,
    HouseholdStatus,
    Member,
    Relation,
    StatusChange,
    StatusHistory,
)
from poverty.domain.review import Channel, Request, RequestForm, Review
from poverty.service_layer.ports import IssuedCertificate


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SqlHouseholdRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, province_code: str, household: Household, actor: str) -> None:
        self.session.execute(
            households.insert().values(
                household_id=household.household_id,
                province_code=province_code,
                commune_code=household.commune_code,
                village=household.village,
                address=household.address,
                area=household.area.value,
                created_at=_now(),
                created_by=actor,
            )
        )
        self.session.execute(
            household_members.insert(),
            [
                {
                    "household_id": household.household_id,
                    "member_id": m.member_id,
                    "position": n,
                    "full_name": m.full_name,
                    "national_id": m.national_id,
                    "relation": m.relation.value,
                    "birth_date": m.birth_date,
                    "gender": m.gender.value,
                    "ethnicity_code": m.ethnicity_code,
                }
                for n, m in enumerate(household.members)
            ],
        )

    def get(self, household_id: str) -> Household | None:
        row = self.session.execute(
            sa.select(households).where(households.c.household_id == household_id)
        ).one_or_none()
        if row is None:
            return None
        members = self.session.execute(
            sa.select(household_members)
            .where(household_members.c.household_id == household_id)
            .order_by(household_members.c.position)
        ).all()
        return Household(
            household_id=row.household_id,
            commune_code=row.commune_code,
            village=row.village,
            address=row.address,
            area=Area(row.area),
            members=tuple(
                Member(
                    m.member_id,
                    m.full_name,
                    m.national_id,
                    Relation(m.relation),
                    m.birth_date,
                    Gender(m.gender),
                    m.ethnicity_code,
                )
                for m in members
            ),
        )

    def lock(self, household_id: str) -> None:
        self.session.execute(
            sa.select(households.c.household_id)
            .where(households.c.household_id == household_id)
            .with_for_update()
        )

    def history(self, household_id: str) -> StatusHistory:
        rows = self.session.execute(
            sa.select(status_changes)
            .where(status_changes.c.household_id == household_id)
            .order_by(status_changes.c.effective_on, status_changes.c.change_id)
        ).all()
        history = StatusHistory(household_id)
        history.changes.extend(
            StatusChange(
                review_year=r.review_year,
                status=HouseholdStatus(r.status),
                effective_on=r.effective_on,
                decision_number=r.decision_number,
                decided_by=r.decided_by,
                standard_code=r.standard_code,
                deprivations=tuple(r.deprivations),
                low_income_members=frozenset(r.low_income_members),
            )
            for r in rows
        )
        return history

    def append_change(self, household_id: str, change: StatusChange, review_id: str) -> None:
        self.session.execute(
            status_changes.insert().values(
                household_id=household_id,
                review_year=change.review_year,
                status=change.status.value,
                effective_on=change.effective_on,
                decision_number=change.decision_number,
                decided_by=change.decided_by,
                standard_code=change.standard_code,
                deprivations=list(change.deprivations),
                low_income_members=sorted(change.low_income_members),
                review_id=review_id or None,
                recorded_at=_now(),
            )
        )

    def unit_statuses(
        self, province_code: str, commune_code: str | None, day: dt.date
    ) -> dict[str, tuple[str, HouseholdStatus]]:
        h, sc = households.c, status_changes.c
        last = (
            sa.select(sc.status)
            .where(sc.household_id == h.household_id, sc.effective_on <= day)
            .order_by(sc.effective_on.desc(), sc.change_id.desc())
            .limit(1)
            .scalar_subquery()
        )
        query = sa.select(h.household_id, h.commune_code, last.label("status")).where(
            h.province_code == province_code
        )
        if commune_code is not None:
            query = query.where(h.commune_code == commune_code)
        return {
            r.household_id: (r.commune_code, HouseholdStatus(r.status or "none"))
            for r in self.session.execute(query)
        }

    def households_of_person(self, national_id: str) -> list[str]:
        return list(
            self.session.execute(
                sa.select(household_members.c.household_id)
                .where(household_members.c.national_id == national_id)
                .order_by(household_members.c.household_id)
            ).scalars()
        )

    def next_certificate_serial(self, commune_code: str, year: int) -> int:
        # one allocator per commune and year: a transaction-scoped advisory lock, then max + 1
        # (the primary key refuses a duplicate should the lock ever be bypassed)
        key = f"poverty.certificate:{commune_code}:{year}"
        self.session.execute(sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtext(key))))
        last = self.session.execute(
            sa.select(sa.func.coalesce(sa.func.max(certificates.c.serial), 0)).where(
                certificates.c.commune_code == commune_code, certificates.c.year == year
            )
        ).scalar_one()
        return int(last) + 1

    def add_certificate(
        self,
        *,
        commune_code: str,
        year: int,
        serial: int,
        number: str,
        household_id: str,
        status: str,
        issued_on: dt.date,
        issued_by: str,
    ) -> None:
        self.session.execute(
            certificates.insert().values(
                commune_code=commune_code,
                year=year,
                serial=serial,
                certificate_number=number,
                household_id=household_id,
                status=status,
                issued_on=issued_on,
                issued_by=issued_by,
            )
        )

    def certificates(self, household_id: str) -> list[IssuedCertificate]:
        rows = self.session.execute(
            sa.select(certificates)
            .where(certificates.c.household_id == household_id)
            .order_by(certificates.c.year)
        ).all()
        return [IssuedCertificate(r.certificate_number, r.household_id, r.year) for r in rows]


class SqlReviewRepository:
    """Reviews of one shard, each one JSON document locked while a step is applied."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, review: Review) -> None:
        self.session.execute(
            reviews.insert().values(
                review_id=review.review_id,
                commune_code=review.commune_code,
                kind=review.kind.value,
                year=review.year,
                step=int(review.step),
                version=review.version,
                document=review_to_json(review),
                updated_at=_now(),
            )
        )

    def get(self, review_id: str, *, for_update: bool = False) -> Review | None:
        query = sa.select(reviews.c.document).where(reviews.c.review_id == review_id)
        if for_update:
            query = query.with_for_update()
        document = self.session.execute(query).scalar_one_or_none()
        return review_from_json(document) if document is not None else None

    def save(self, review: Review) -> None:
        self.session.execute(
            reviews.update()
            .where(reviews.c.review_id == review.review_id)
            .values(
                step=int(review.step),
                version=review.version,
                document=review_to_json(review),
                updated_at=_now(),
            )
        )

    def add_request(self, request_id: str, request: Request, commune_code: str, by: str) -> None:
        self.session.execute(
            review_requests.insert().values(
                request_id=request_id, household_id=request.household_id,
                commune_code=commune_code, form=request.form.value,
                channel=request.channel.value, received_on=request.received_on, filed_by=by,
                filed_at=_now(),
            )
        )  # fmt: skip

    def pending_requests(self, commune_code: str) -> list[tuple[str, Request]]:
        t = review_requests.c
        rows = self.session.execute(
            sa.select(t.request_id, t.household_id, t.form, t.channel, t.received_on)
            .where(t.commune_code == commune_code, t.review_id.is_(None))
            .order_by(t.received_on, t.filed_at)
            .with_for_update()
        ).all()
        return [
            (r.request_id, Request(RequestForm(r.form), r.household_id, r.received_on,
                                   Channel(r.channel)))
            for r in rows
        ]  # fmt: skip

    def mark_listed(self, request_id: str, review_id: str) -> None:
        self.session.execute(
            review_requests.update()
            .where(review_requests.c.request_id == request_id)
            .values(review_id=review_id)
        )

    def reviews_of(self, commune_codes: list[str], year: int) -> list[Review]:
        documents = self.session.execute(
            sa.select(reviews.c.document)
            .where(reviews.c.commune_code.in_(commune_codes), reviews.c.year == year)
            .order_by(reviews.c.commune_code, reviews.c.review_id)
        ).scalars()
        return [review_from_json(d) for d in documents]
