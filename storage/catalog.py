"""Accounts (customers) and partners (distributors, resellers), created on first use."""
from __future__ import annotations

from sqlalchemy import and_, func, or_
from sqlmodel import col, select

from handlers.records import AccountRow
from storage.models import Account, Activity, Deal, Partner
from storage.scoped import ScopedRepo, name_key


class _NamedRepo(ScopedRepo):
    """Shared lookup-or-create by case-insensitive name."""

    model: type = None

    def get(self, row_id: int | None):
        return self._mine(self.session.get(self.model, row_id)) if row_id else None

    def by_name(self, name: str):
        query = select(self.model).where(self.model.workspace_id == self.workspace_id,
                                         self.model.name_key == name_key(name))
        return self.session.exec(query).first()

    def by_prefix(self, prefix: str, limit: int = 10) -> list:
        """Rows whose name starts with `prefix` (case-insensitive), by name."""
        query = (select(self.model).where(self.model.workspace_id == self.workspace_id,
                                          col(self.model.name_key).startswith(name_key(prefix), autoescape=True))
                 .order_by(self.model.name_key).limit(limit))
        return list(self.session.exec(query))

    def ensure(self, name: str):
        """The row called `name`, created on first use."""
        row = self.by_name(name)
        if row is not None:
            return row
        row = self.model(workspace_id=self.workspace_id, name=" ".join(name.split()), name_key=name_key(name))
        return self._insert_or_theirs(row, lambda: self.by_name(name))

    def rename(self, row, name: str) -> None:
        row.name, row.name_key = " ".join(name.split()), name_key(name)


class AccountRepo(_NamedRepo):
    """Customer accounts of one workspace."""

    model = Account

    def listing(self, owner_ids: frozenset[int] | None, limit: int = 50, offset: int = 0) -> list[AccountRow]:
        """Accounts the owners look after or have live deals with (None: all), by name, with deal counts."""
        query = self._scoped(self._rows(), owner_ids).order_by(Account.name_key, Account.id)
        return [AccountRow(*row) for row in self.session.exec(query.offset(offset).limit(limit))]

    def count(self, owner_ids: frozenset[int] | None) -> int:
        inner = self._scoped(self._rows(), owner_ids).subquery()
        return self.session.exec(select(func.count()).select_from(inner)).one()

    def _rows(self):
        deals = and_(Deal.account_id == Account.id, col(Deal.deleted_at).is_(None))
        last = (select(func.max(Activity.occurred_at))
                .where(Activity.account_id == Account.id, col(Activity.deleted_at).is_(None)).scalar_subquery())
        return (select(Account.id, Account.name, Account.industry, Account.owner_id,
                       func.count(Deal.id).filter(Deal.status == "open"),
                       func.count(Deal.id).filter(Deal.status == "won"), last)
                .select_from(Account).outerjoin(Deal, deals)
                .where(Account.workspace_id == self.workspace_id)
                .group_by(Account.id, Account.name, Account.industry, Account.owner_id))

    def _scoped(self, query, owner_ids: frozenset[int] | None):
        if owner_ids is None:
            return query
        dealt = select(Deal.account_id).where(col(Deal.owner_id).in_(owner_ids), col(Deal.deleted_at).is_(None),
                                              Deal.workspace_id == self.workspace_id)
        return query.where(or_(col(Account.owner_id).in_(owner_ids), col(Account.id).in_(dealt)))

    def owned_by(self, person_id: int) -> list[Account]:
        query = select(Account).where(Account.workspace_id == self.workspace_id, Account.owner_id == person_id)
        return list(self.session.exec(query.order_by(Account.name_key)))


class PartnerRepo(_NamedRepo):
    """Channel partners of one workspace."""

    model = Partner
