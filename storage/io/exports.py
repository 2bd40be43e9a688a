"""The rows of each export, streamed from the database in a stable order (memory stays flat)."""
from __future__ import annotations

from datetime import datetime
from typing import Iterator

from sqlalchemy import and_, func, or_
from sqlmodel import col, select

from handlers.dataio.exports import amount_cell, person_cell, when_cell
from storage.io.imports import EMAIL_SOURCE
from storage.io.models import ExternalRef
from storage.models import Account, Activity, Contact, Deal, Person, StageChange
from storage.task_models import Task
from storage.schedule_models import FeedbackAnswer, FeedbackRound, Schedule
from storage.scoped import ScopedRepo

BATCH = 1000


class ExportRepo(ScopedRepo):
    """What handlers/dataio's ExportPort asks of storage."""

    def _people(self) -> dict[int, tuple[str, str]]:
        """person id -> (how exports name them, display name); people are few, so read once."""
        emails = dict(self.session.exec(select(ExternalRef.entity_id, ExternalRef.external_id).where(
            ExternalRef.workspace_id == self.workspace_id, ExternalRef.source == EMAIL_SOURCE,
            ExternalRef.entity == "person")).all())
        rows = self.session.exec(select(Person.id, Person.handle, Person.display_name)
                                 .where(Person.workspace_id == self.workspace_id))
        return {pid: (person_cell(emails.get(pid), handle), name) for pid, handle, name in rows}

    def _stream(self, query):
        return self.session.exec(query.execution_options(yield_per=BATCH))

    def deals(self, owner_ids: set[int] | None, start: datetime | None, end: datetime | None) -> Iterator[list]:
        people = self._people()
        query = (select(Deal, Account.name).outerjoin(Account, col(Account.id) == Deal.account_id)
                 .where(Deal.workspace_id == self.workspace_id, col(Deal.deleted_at).is_(None)))
        query = _owned(query, Deal.owner_id, owner_ids)
        if start is not None:
            query = query.where(or_(and_(Deal.created_at >= start, Deal.created_at < end),
                                    and_(Deal.closed_at >= start, Deal.closed_at < end)))
        for deal, account in self._stream(query.order_by(Deal.number)):
            owner, owner_name = people.get(deal.owner_id, ("", ""))
            yield [str(deal.number), deal.name, account or "", amount_cell(deal.amount_minor, deal.currency),
                   deal.currency, deal.stage, deal.status, when_cell(deal.expected_close), owner, owner_name,
                   when_cell(deal.created_at), when_cell(deal.closed_at), deal.lost_reason or ""]

    def accounts(self) -> Iterator[list]:
        query = select(Account.id, Account.name).where(Account.workspace_id == self.workspace_id)
        for account_id, name in self._stream(query.order_by(Account.id)):
            yield [str(account_id), name]

    def contacts(self) -> Iterator[list]:
        people = self._people()
        query = (select(Contact, Account.name).join(Account, col(Account.id) == Contact.account_id)
                 .where(Contact.workspace_id == self.workspace_id))
        for contact, account in self._stream(query.order_by(Contact.id)):
            owner, owner_name = people.get(contact.created_by, ("", "")) if contact.created_by else ("", "")
            yield [str(contact.id), contact.name, account, contact.title or "", contact.email or "",
                   contact.phone or "", owner, owner_name]

    def tasks(self, owner_ids: set[int] | None, start: datetime | None, end: datetime | None) -> Iterator[list]:
        """Tasks by due time; a period picks the tasks due in it."""
        people = self._people()
        query = (select(Task, Deal.name, Deal.number, Account.name)
                 .outerjoin(Deal, col(Deal.id) == Task.deal_id)
                 .outerjoin(Account, col(Account.id) == Task.account_id)
                 .where(Task.workspace_id == self.workspace_id))
        query = _owned(query, Task.assignee_id, owner_ids)
        if start is not None:
            query = query.where(Task.due_at >= start, Task.due_at < end)
        for task, deal, number, account in self._stream(query.order_by(Task.due_at, Task.id)):
            assignee, name = people.get(task.assignee_id, ("", ""))
            yield [str(task.id), task.title, assignee, name, task.status, when_cell(task.due_at), deal or "",
                   str(number or ""), account or "", when_cell(task.created_at), when_cell(task.done_at)]

    def activities(self, owner_ids: set[int] | None, start: datetime | None,
                   end: datetime | None) -> Iterator[list]:
        people = self._people()
        query = (select(Activity, Deal.name, Deal.number, Account.name)
                 .outerjoin(Deal, col(Deal.id) == Activity.deal_id)
                 .outerjoin(Account, col(Account.id) == Activity.account_id)
                 .where(Activity.workspace_id == self.workspace_id, col(Activity.deleted_at).is_(None)))
        query = _owned(query, Activity.person_id, owner_ids)
        if start is not None:
            query = query.where(Activity.occurred_at >= start, Activity.occurred_at < end)
        for activity, deal, number, account in self._stream(query.order_by(Activity.occurred_at, Activity.id)):
            person, name = people.get(activity.person_id, ("", ""))
            yield [str(activity.id), activity.kind, activity.notes, person, name,
                   when_cell(activity.occurred_at), deal or "", str(number or ""), account or ""]

    def stage_history(self, owner_ids: set[int] | None, start: datetime | None,
                      end: datetime | None) -> Iterator[list]:
        people = self._people()
        query = (select(StageChange, Deal.number, Deal.name, Deal.owner_id).join(Deal, col(Deal.id) ==
                 StageChange.deal_id).where(StageChange.workspace_id == self.workspace_id))
        query = _owned(query, Deal.owner_id, owner_ids)
        if start is not None:
            query = query.where(StageChange.changed_at >= start, StageChange.changed_at < end)
        for change, number, name, owner_id in self._stream(query.order_by(StageChange.changed_at,
                                                                          StageChange.id)):
            actor = people.get(change.actor_id, ("", ""))[0] if change.actor_id else ""
            yield [str(number), name, change.from_stage or "", change.to_stage, when_cell(change.changed_at),
                   people.get(change.owner_id or owner_id, ("", ""))[0], actor]

    def feedback_has_anonymous(self, start: datetime | None, end: datetime | None) -> bool:
        query = self._feedback_query(select(func.count()), start, end).where(col(Schedule.anonymous).is_(True))
        return self.session.exec(query).one() > 0

    def feedback(self, start: datetime | None, end: datetime | None) -> Iterator[list]:
        """Answers; an anonymous one has no person and no answer time, and is ordered by its content."""
        people = self._people()
        query = self._feedback_query(select(FeedbackAnswer, FeedbackRound.occurrence, Schedule.title,
                                            Schedule.anonymous), start, end)
        order = (FeedbackRound.id, Schedule.anonymous, FeedbackAnswer.value, FeedbackAnswer.comment)
        for answer, occurrence, title, anonymous in self._stream(query.order_by(*order)):
            person = "" if anonymous or answer.person_id is None else people.get(answer.person_id, ("", ""))[0]
            yield [title, occurrence, "" if anonymous else when_cell(answer.answered_at), answer.value,
                   answer.comment, person]

    def _feedback_query(self, query, start, end):
        query = (query.select_from(FeedbackAnswer)
                 .join(FeedbackRound, col(FeedbackRound.id) == FeedbackAnswer.round_id)
                 .join(Schedule, col(Schedule.id) == FeedbackRound.schedule_id)
                 .where(FeedbackAnswer.workspace_id == self.workspace_id))
        if start is not None:
            query = query.where(FeedbackRound.opened_at >= start, FeedbackRound.opened_at < end)
        return query


def _owned(query, column, owner_ids: set[int] | None):
    return query if owner_ids is None else query.where(col(column).in_(owner_ids))
