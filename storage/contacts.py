"""Contacts: people at customer accounts."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select

from storage.models import Contact
from storage.scoped import ScopedRepo, name_key


class ContactRepo(ScopedRepo):
    """Reads and writes the contacts of one workspace."""

    def add(self, *, name: str, account_id: int, created_by: int | None, now: datetime, title: str | None = None,
            email: str | None = None, phone: str | None = None) -> Contact:
        contact = Contact(workspace_id=self.workspace_id, account_id=account_id, name=name, name_key=name_key(name),
                          title=title, email=email, phone=phone, created_by=created_by, created_at=now)
        self.session.add(contact)
        self.session.flush()
        return contact

    def get(self, contact_id: int | None) -> Contact | None:
        return self._mine(self.session.get(Contact, contact_id)) if contact_id else None

    def by_prefix(self, prefix: str, limit: int = 10) -> list[Contact]:
        """Contacts whose name starts with `prefix` (case-insensitive); an exact name wins outright."""
        key = name_key(prefix)
        query = (select(Contact).where(Contact.workspace_id == self.workspace_id,
                                       col(Contact.name_key).startswith(key, autoescape=True))
                 .order_by(Contact.name_key, Contact.id).limit(limit))
        found = list(self.session.exec(query))
        exact = [c for c in found if c.name_key == key]
        return exact if len(exact) == 1 else found

    def of_account(self, account_id: int, limit: int = 50, offset: int = 0) -> list[Contact]:
        query = (select(Contact).where(Contact.workspace_id == self.workspace_id, Contact.account_id == account_id)
                 .order_by(Contact.name_key, Contact.id).offset(offset).limit(limit))
        return list(self.session.exec(query))

    def count_of_account(self, account_id: int) -> int:
        query = (select(func.count()).select_from(Contact)
                 .where(Contact.workspace_id == self.workspace_id, Contact.account_id == account_id))
        return self.session.exec(query).one()

    def rename(self, contact: Contact, name: str) -> None:
        contact.name, contact.name_key = name, name_key(name)
