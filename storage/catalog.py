"""Accounts (customers) and partners (distributors, resellers), created on first use."""
from __future__ import annotations

from sqlmodel import select

from storage.models import Account, Partner
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

    def ensure(self, name: str):
        """The row called `name`, created on first use."""
        row = self.by_name(name)
        if row is not None:
            return row
        row = self.model(workspace_id=self.workspace_id, name=" ".join(name.split()), name_key=name_key(name))
        return self._insert_or_theirs(row, lambda: self.by_name(name))


class AccountRepo(_NamedRepo):
    """Customer accounts of one workspace."""

    model = Account


class PartnerRepo(_NamedRepo):
    """Channel partners of one workspace."""

    model = Partner
