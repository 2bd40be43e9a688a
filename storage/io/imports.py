"""The look-ups of an import: people by email, deals by name and account, and external ids."""
from __future__ import annotations

import re

from sqlmodel import col, select

from storage.io.models import ExternalRef
from storage.models import Account, Activity, Deal, Person
from storage.people import make_handle
from storage.scoped import ScopedRepo, name_key

EMAIL_SOURCE = "email"  # a person's email is kept as their external id in this source


class ExternalRefs(ScopedRepo):
    """External ids of this workspace's rows, by source (import, zoho, email)."""

    def ref(self, source: str, entity: str, external_id: str) -> int | None:
        row = self.row(source, entity, external_id)
        return row.entity_id if row else None

    def row(self, source: str, entity: str, external_id: str) -> ExternalRef | None:
        query = select(ExternalRef).where(ExternalRef.workspace_id == self.workspace_id,
                                          ExternalRef.source == source, ExternalRef.entity == entity,
                                          ExternalRef.external_id == external_id)
        return self.session.exec(query).first()

    def of(self, source: str, entity: str, entity_id: int) -> ExternalRef | None:
        """Our row's external id in `source`, if it has one."""
        query = select(ExternalRef).where(ExternalRef.workspace_id == self.workspace_id,
                                          ExternalRef.source == source, ExternalRef.entity == entity,
                                          ExternalRef.entity_id == entity_id)
        return self.session.exec(query).first()

    def link(self, source: str, entity: str, external_id: str, entity_id: int, **times) -> ExternalRef:
        row = ExternalRef(workspace_id=self.workspace_id, source=source, entity=entity,
                          external_id=external_id, entity_id=entity_id, **times)
        self.session.add(row)
        return row


class ImportRepo(ExternalRefs):
    """What handlers/dataio's ImportPort asks of storage."""

    def people_keys(self) -> list[tuple[int, str | None, str, str]]:
        emails = dict(self.session.exec(
            select(ExternalRef.entity_id, ExternalRef.external_id).where(
                ExternalRef.workspace_id == self.workspace_id, ExternalRef.source == EMAIL_SOURCE,
                ExternalRef.entity == "person")).all())
        people = self.session.exec(select(Person.id, Person.handle, Person.display_name)
                                   .where(Person.workspace_id == self.workspace_id))
        return [(pid, emails.get(pid), handle, name) for pid, handle, name in people]

    def add_person(self, display_name: str, email: str | None) -> int:
        """A person known from a file only; they are `rep`s and have no chat account yet."""
        key = email or re.sub(r"\s+", "-", display_name.casefold())
        person = Person(workspace_id=self.workspace_id, platform_user_id=f"imported:{key}"[:128],
                        display_name=display_name[:200], handle=make_handle(display_name), role="rep")
        self.session.add(person)
        self.session.flush()
        if email:
            self.link(EMAIL_SOURCE, "person", email.casefold(), person.id)
        return person.id

    def set_email(self, person_id: int, email: str) -> None:
        existing = self.of(EMAIL_SOURCE, "person", person_id)
        if existing is None:
            self.link(EMAIL_SOURCE, "person", email.casefold(), person_id)
        else:
            existing.external_id = email.casefold()

    def deal_named(self, name: str, account_id: int | None) -> Deal | None:
        same_account = (Deal.account_id == account_id) if account_id else col(Deal.account_id).is_(None)
        query = select(Deal).where(Deal.workspace_id == self.workspace_id, Deal.name_key == name_key(name),
                                   same_account).order_by(Deal.number)
        return self.session.exec(query).first()

    def account_id(self, name: str) -> int | None:
        query = select(Account.id).where(Account.workspace_id == self.workspace_id,
                                         Account.name_key == name_key(name))
        return self.session.exec(query).first()

    def activity_exists(self, activity_id: int) -> bool:
        return self._mine(self.session.get(Activity, activity_id)) is not None
