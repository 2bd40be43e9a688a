"""The look-ups of an import: people by email, deals by name and account, contacts, and external ids."""
from __future__ import annotations

import re

from sqlalchemy import func
from sqlmodel import col, select

from storage.io.models import ExternalRef
from storage.models import Account, Activity, Contact, Deal, Person
from storage.people import make_handle
from storage.scoped import ScopedRepo, name_key
from storage.search import SearchIndex

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


class BulkDeals(ScopedRepo):
    """Many new deals at once (an import's batch): numbers in one UPDATE, rows in multi-row INSERTs."""

    def deals_matching(self, external_ids: list[str], name_keys: list[str]) -> tuple[dict, dict]:
        """({external id: deal id}, {(name key, account id): deal id}) for a batch's rows."""
        by_ref = dict(self.session.exec(select(ExternalRef.external_id, ExternalRef.entity_id).where(
            ExternalRef.workspace_id == self.workspace_id, ExternalRef.source == "import",
            ExternalRef.entity == "deal", col(ExternalRef.external_id).in_(external_ids))).all()) \
            if external_ids else {}
        rows = self.session.exec(select(Deal.name_key, Deal.account_id, Deal.id).where(
            Deal.workspace_id == self.workspace_id, col(Deal.name_key).in_(name_keys),
            col(Deal.deleted_at).is_(None)).order_by(
            col(Deal.number).desc())).all() if name_keys else []
        return by_ref, {(key, account): deal_id for key, account, deal_id in rows}

    def create_deals(self, rows: list[dict], refs: list[str | None]) -> list[int]:
        """Insert `rows` (Deal columns without number/ids) with their first stage-history rows and refs."""
        from sqlalchemy import insert, update

        from storage.models import StageChange, Workspace

        last = self.session.exec(update(Workspace).where(col(Workspace.id) == self.workspace_id)
                                 .values(next_deal_number=Workspace.next_deal_number + len(rows))
                                 .returning(Workspace.next_deal_number)
                                 .execution_options(synchronize_session=False)).scalar_one()
        first = last - len(rows)
        values = [{**row, "workspace_id": self.workspace_id, "number": first + n,
                   "name_key": name_key(row["name"])} for n, row in enumerate(rows)]
        ids = list(self.session.execute(insert(Deal).returning(Deal.id, sort_by_parameter_order=True),
                                        values).scalars())
        self.session.execute(insert(StageChange), [
            {"workspace_id": self.workspace_id, "deal_id": deal_id, "from_stage": None, "to_stage": row["stage"],
             "changed_at": row["created_at"], "actor_id": None, "owner_id": row["owner_id"]}
            for deal_id, row in zip(ids, values)])
        links = [{"workspace_id": self.workspace_id, "source": "import", "entity": "deal", "external_id": ref,
                  "entity_id": deal_id} for deal_id, ref in zip(ids, refs) if ref]
        if links:
            self.session.execute(insert(ExternalRef), links)
        SearchIndex(self.session.connection(), self.workspace_id).refresh("deal", ids)  # bulk rows skip the ORM
        return ids


class ImportRepo(ExternalRefs, BulkDeals):
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
                                   same_account, col(Deal.deleted_at).is_(None)).order_by(Deal.number)
        return self.session.exec(query).first()

    def account_id(self, name: str) -> int | None:
        query = select(Account.id).where(Account.workspace_id == self.workspace_id,
                                         Account.name_key == name_key(name))
        return self.session.exec(query).first()

    def contact_matching(self, contact_id: int | None, email: str | None, name: str,
                         account_id: int) -> Contact | None:
        """The contact a row means: the one its external id names, else the same email, else the same name
        at the same account."""
        if contact_id is not None and (found := self._mine(self.session.get(Contact, contact_id))):
            return found
        mine = select(Contact).where(Contact.workspace_id == self.workspace_id).order_by(Contact.id)
        if email and (found := self.session.exec(mine.where(func.lower(Contact.email) == email.casefold())).first()):
            return found
        return self.session.exec(mine.where(Contact.name_key == name_key(name),
                                            Contact.account_id == account_id)).first()

    def activity_exists(self, activity_id: int) -> bool:
        return self._mine(self.session.get(Activity, activity_id)) is not None

