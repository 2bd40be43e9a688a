"""Task reminders for the scheduler: one candidate per open task at its due time, and the message with its
buttons (Done / Snooze 1 day / Open the deal)."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Iterator

from handlers.call import Call
from handlers.ports import WorkspacePort
from handlers.reply import Fact, Reply
from handlers.schedules.jobs import Job
from handlers.tasks import wording
from handlers.tasks.add import task_actions
from handlers.tasks.due import describe_due

KIND = "task"


def reminder_key(task: Any) -> str:
    """One delivery per task and due time: a snoozed task is reminded again at its new time, once."""
    return f"task:{task.id}:{task.due_at:%Y%m%dT%H%M}"


def due_reminders(tasks: Iterable[Any], since: datetime, now: datetime) -> Iterator[Job]:
    """Jobs for the open tasks whose due time falls in (since, now]."""
    for task in tasks:
        if task.status == "open" and since < task.due_at <= now:
            yield Job(reminder_key(task), KIND, task.workspace_id, task.due_at, person_id=task.assignee_id,
                      ref_id=task.id)


def compose_task_reminder(ws: WorkspacePort, job: Job, now: datetime) -> Reply | None:
    """The reminder, unless the task was done or moved since it was planned."""
    task = ws.tasks.get(job.ref_id)
    person = ws.people.get(job.person_id)
    if task is None or person is None or task.status != "open" or reminder_key(task) != job.key:
        return None
    call = Call.as_person(ws, person, now)
    deal = ws.deals.by_id(task.deal_id) if task.deal_id else None
    account = ws.accounts.get(task.account_id) if task.account_id else None
    on = f"#{deal.number} {deal.name}" if deal else (account.name if account else None)
    text = wording.REMINDER.format(title=task.title, due=describe_due(task.due_at, task.has_time, call.zone),
                                   on=wording.ON.format(target=on) if on else "")
    facts = (Fact(wording.TASK_FACT, str(task.id)),) + ((Fact(wording.DEAL_FACT, on),) if deal else ())
    return Reply(text=text, title=wording.REMINDER_TITLE, facts=facts, actions=task_actions(task, deal))
