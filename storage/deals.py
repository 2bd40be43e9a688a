"""Deals and their stage history; the pipeline totals are summed by the database."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, delete, func, update
from sqlmodel import col, select

from handlers.records import DealFilter
from storage.cache import seen_version
from storage.audit import audit_detail
from storage.deal_listing import LIVE, count_statement, lines_statement, rows_statement, shape_of
from storage.deal_rows import Extras, insert_deal
from storage.prepared import Prepared
from storage.models import Account, Activity, Contact, Deal, Partner, StageChange, Workspace
from storage.scoped import ScopedRepo, loaded_row, name_key, plain_defaults, unsaved_row
from storage.search import SearchIndex, document


NEXT_NUMBER = Prepared(update(Workspace).where(col(Workspace.id) == bindparam("workspace"))
                       .values(next_deal_number=Workspace.next_deal_number + 1)
                       .returning(Workspace.next_deal_number, Workspace.cache_version))


@dataclass(frozen=True)
class StageTotal:
    """One pipeline row: open deals in a stage, in one currency."""

    stage: str
    currency: str
    count: int
    amount_minor: int


class DealRepo(ScopedRepo):
    """Reads and writes the deals of one workspace."""

    def add(self, *, name: str, owner_id: int, amount_minor: int, currency: str, stage: str, status: str,
            now: datetime, actor_id: int | None, expected_close: date | None = None,
            account_id: int | None = None, partner_id: int | None = None, contact_id: int | None = None,
            shows: tuple[str | None, ...] | None = None, audited: bool = False, kept: bool = True) -> Deal:
        """Create the deal with the next `#number`, its first stage-history row, forecast version and search
        document, and (`audited`) its `deal.add` audit entry. `shows`: the account's, partner's and contact's
        names for the search document when the caller has them at hand (else they are read). Without `kept`
        the row is one no session tracks, for a caller that only reads it (changes to it are never written)."""
        values = {**plain_defaults(Deal), "workspace_id": self.workspace_id, "number": self._next_number(),
                  "name": name, "name_key": name_key(name), "owner_id": owner_id, "amount_minor": amount_minor,
                  "currency": currency, "stage": stage, "status": status, "expected_close": expected_close,
                  "account_id": account_id, "partner_id": partner_id, "contact_id": contact_id, "created_at": now,
                  "updated_at": now, "stage_entered_at": now, "closed_at": now if status != "open" else None}
        del values["id"]
        doc_name, doc_body = document(name, shows if shows is not None
                                      else self._shown_names(account_id, partner_id, contact_id))
        detail = audit_detail(number=values["number"], amount=amount_minor, stage=stage) if audited else None
        # The hottest write: plain statements (storage/deal_rows.py), then the row joins the session as
        # loaded (later changes to it are flushed as usual; a `kept=False` caller, the command's card, only
        # reads it and skips even that) without the unit of work's bookkeeping; they
        # skip the flush hooks, so the version and the search document are written there too.
        deal_id = insert_deal(self.session.connection(), values, Extras(actor_id, doc_name, doc_body, detail))
        values["id"] = deal_id
        if not kept:
            return unsaved_row(Deal, values)
        deal = loaded_row(Deal, values)
        self.session.add(deal)
        return deal

    def _shown_names(self, *ids: int | None) -> tuple[str | None, ...]:
        """The names of the account, partner and contact (by id) a deal's search document shows."""
        return tuple(self.session.get(model, row_id).name if row_id is not None else None
                     for model, row_id in zip((Account, Partner, Contact), ids))

    def _next_number(self) -> int:
        # One atomic UPDATE … RETURNING: on PostgreSQL it takes only the no-key row lock, which does not
        # conflict with the KEY SHARE locks that foreign-key checks (a first-seen person, a new account)
        # hold on the workspace row, so concurrent adds queue here instead of deadlocking; SQLite
        # serialises writers already. The counter column is not a key, so nothing else waits on it.
        # The cache version comes back on the way: the unit's one check of its cached rows.
        number, version = NEXT_NUMBER.run(self.session.connection(), {"workspace": self.workspace_id}).one()
        seen_version(self.session, version)
        return number - 1

    def by_number(self, number: int, deleted: bool = False) -> Deal | None:
        """The live deal `#number` (or, with `deleted`, the deleted one)."""
        gone = col(Deal.deleted_at).is_not(None) if deleted else LIVE
        query = select(Deal).where(Deal.workspace_id == self.workspace_id, Deal.number == number, gone)
        return self.session.exec(query).first()

    def by_id(self, deal_id: int) -> Deal | None:
        deal = self._mine(self.session.get(Deal, deal_id))
        return deal if deal is not None and deal.deleted_at is None else None

    def by_prefix(self, prefix: str, limit: int = 10) -> list[Deal]:
        """Live deals whose name starts with `prefix` (case-insensitive); an exact name wins outright."""
        key = name_key(prefix)
        query = (select(Deal).where(Deal.workspace_id == self.workspace_id, LIVE,
                                    col(Deal.name_key).startswith(key, autoescape=True))
                 .order_by(Deal.number).limit(limit))
        deals = list(self.session.exec(query))
        exact = [d for d in deals if d.name_key == key]
        return exact if len(exact) == 1 else deals

    def listing(self, owner_ids: set[int] | None = None, stage: str | None = None,
                open_only: bool = True, limit: int = 50) -> list[Deal]:
        """Deals for a listing, newest first, filtered by owners and stage."""
        return self.matching(self._filter(owner_ids, stage, open_only), limit)

    def count(self, owner_ids: set[int] | None = None, stage: str | None = None, open_only: bool = True) -> int:
        return self.count_matching(self._filter(owner_ids, stage, open_only))

    @staticmethod
    def _filter(owner_ids, stage, open_only) -> DealFilter:
        return DealFilter(frozenset(owner_ids) if owner_ids is not None else None, stage, open_only)

    def matching(self, wanted: DealFilter, limit: int = 50, offset: int = 0) -> list[Deal]:
        """One page of the deals `wanted` describes, newest first (the bin: most recently deleted first)."""
        shape, params = shape_of(wanted, self.workspace_id)
        return list(self.session.exec(rows_statement(shape), params={**params, "limit": limit, "offset": offset}))

    def page_matching(self, wanted: DealFilter, limit: int, offset: int = 0) -> tuple[int, list]:
        """How many deals `wanted` describes, and one page of them as listing lines (no ORM rows): one
        statement (two past the end)."""
        shape, params = shape_of(wanted, self.workspace_id)
        rows = self._connection().execute(lines_statement(shape), {**params, "limit": limit, "offset": offset}).all()
        return (rows[0].total if rows else self.count_matching(wanted)), rows

    def count_matching(self, wanted: DealFilter) -> int:
        shape, params = shape_of(wanted, self.workspace_id)
        return self._connection().execute(count_statement(shape), params).scalar_one()

    def soft_delete(self, deal: Deal, now: datetime) -> None:
        """Put `deal` in the bin with its history and activities (marked with the same time, for restore)."""
        deal.deleted_at = deal.updated_at = now  # updated_at: the deal's forecast version is valid from now
        for model in (StageChange, Activity):
            self.session.execute(update(model).where(col(model.deal_id) == deal.id, col(model.deleted_at).is_(None))
                                 .values(deleted_at=now).execution_options(synchronize_session=False))
        SearchIndex(self.session.connection(), self.workspace_id).remove("activity", self._activity_ids(deal))

    def restore(self, deal: Deal, now: datetime) -> None:
        """Take `deal` out of the bin with exactly what was deleted with it."""
        when = deal.deleted_at
        for model in (StageChange, Activity):
            self.session.execute(update(model).where(col(model.deal_id) == deal.id, model.deleted_at == when)
                                 .values(deleted_at=None).execution_options(synchronize_session=False))
        deal.deleted_at, deal.updated_at = None, now
        SearchIndex(self.session.connection(), self.workspace_id).refresh("activity", self._activity_ids(deal))

    def _activity_ids(self, deal: Deal) -> list[int]:
        return list(self.session.exec(select(Activity.id).where(Activity.deal_id == deal.id)))

    def last_change(self, deal: Deal) -> StageChange | None:
        query = (select(StageChange).where(StageChange.deal_id == deal.id, col(StageChange.deleted_at).is_(None))
                 .order_by(col(StageChange.changed_at).desc(), col(StageChange.id).desc()))
        return self.session.exec(query).first()

    def unmove(self, change_id: int) -> None:
        """Remove one history row (an undone move): the funnel no longer counts it."""
        self.session.execute(delete(StageChange).where(StageChange.id == change_id,
                                                       StageChange.workspace_id == self.workspace_id))

    def move(self, deal: Deal, to_stage: str, status: str, actor_id: int | None, now: datetime) -> StageChange:
        """Move `deal` to `to_stage`, closing or reopening it as the stage's outcome says."""
        change = StageChange(workspace_id=self.workspace_id, deal_id=deal.id, from_stage=deal.stage,
                                     to_stage=to_stage, changed_at=now, actor_id=actor_id, owner_id=deal.owner_id,
                                     from_entered_at=deal.stage_entered_at)
        self.session.add(change)
        deal.stage, deal.status = to_stage, status
        deal.stage_entered_at = deal.updated_at = now
        deal.closed_at = now if status != "open" else None
        if status != "lost":
            deal.lost_reason = None
        self.session.flush()
        return change

    def rename(self, deal: Deal, name: str) -> None:
        deal.name, deal.name_key = name, name_key(name)

    def pipeline(self, owner_ids: set[int] | None = None) -> list[StageTotal]:
        """Open deals grouped by stage and currency: count and summed amount."""
        query = (select(Deal.stage, Deal.currency, func.count(), func.sum(Deal.amount_minor))
                 .where(Deal.workspace_id == self.workspace_id, Deal.status == "open", LIVE))
        if owner_ids is not None:
            query = query.where(col(Deal.owner_id).in_(owner_ids))
        rows = self.session.exec(query.group_by(Deal.stage, Deal.currency))
        return [StageTotal(stage, currency, count, int(total or 0)) for stage, currency, count, total in rows]

    def history(self, deal: Deal) -> list[StageChange]:
        query = (select(StageChange).where(StageChange.deal_id == deal.id, col(StageChange.deleted_at).is_(None),
                                           StageChange.workspace_id == self.workspace_id)
                 .order_by(StageChange.changed_at, StageChange.id))
        return list(self.session.exec(query))

    def stage_counts(self) -> dict[str, int]:
        """How many deals (any status) sit in each stage: guards removing a stage in use."""
        query = (select(Deal.stage, func.count()).where(Deal.workspace_id == self.workspace_id)
                 .group_by(Deal.stage))
        return dict(self.session.exec(query).all())
