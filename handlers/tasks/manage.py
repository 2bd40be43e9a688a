"""`task list [mine|team|@person|overdue]`, `task done <id>`, `task snooze <id> <when>`."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from handlers.call import Call
from handlers.errors import PermissionDenied, UserError
from handlers.i18n import _
from handlers.lookup import find_person
from handlers.permissions import is_admin, managed_ids, may_act_for
from handlers.reply import Reply, Table
from handlers.scope import default_scope_word
from handlers.tasks import wording
from handlers.tasks.due import describe_due, parse_snooze
from handlers.zones import person_zone_name

MAX_ROWS = 50


def find_task(call: Call, index: int = 0):
    token = call.arg(index, _("the task number"))
    text = token.text.lstrip("#")
    if not text.isdecimal() or len(text) > 12:
        raise UserError(wording.NOT_TASK_ID.format(token=token.text), call.usage)
    task = call.ws.tasks.get(int(text))
    if task is None:
        raise UserError(wording.NO_TASK.format(id=int(text)))
    if not may_act_for(call, task.assignee_id) and task.created_by_id != call.me.id:
        owner = call.ws.people.get(task.assignee_id)
        raise PermissionDenied(wording.NOT_YOURS.format(id=task.id, name=owner.display_name))
    return task


def finish_task(call: Call) -> Reply:
    call.reject_unknown_options(())
    task = find_task(call)
    call.reject_extra_args(1)
    if task.status == "done":
        raise UserError(wording.ALREADY_DONE.format(id=task.id))
    call.ws.tasks.finish(task, call.now)
    call.ws.audit.record(call.me.id, "task.done", "task", task.id, call.now)
    return Reply(text=wording.DONE.format(id=task.id, title=task.title))


def snooze_task(call: Call) -> Reply:
    call.reject_unknown_options(())
    task = find_task(call)
    when = " ".join(t.text for t in call.args[1:])
    if not when:
        raise UserError(wording.NOT_WHEN.format(token=""), call.usage)
    if task.status == "done":
        raise UserError(wording.ALREADY_DONE.format(id=task.id))
    zone = _zone_of(call, task.assignee_id)
    due = parse_snooze(when, zone, call.now, task.due_at)
    call.ws.tasks.move(task, due.at, due.overdue_at, due.has_time)
    call.ws.audit.record(call.me.id, "task.snooze", "task", task.id, call.now, due=due.at.isoformat())
    return Reply(text=wording.SNOOZED.format(id=task.id, title=task.title,
                                             due=describe_due(task.due_at, task.has_time, zone)))


def _zone_of(call: Call, person_id: int) -> ZoneInfo:
    return ZoneInfo(person_zone_name(call.ws, call.ws.people.get(person_id)))


def list_tasks(call: Call) -> Reply:
    call.reject_unknown_options(())
    call.reject_extra_args(1)
    word = call.args[0].text if call.args else "mine"
    overdue = word.casefold() == "overdue"
    owners, whose = _whose(call, default_scope_word(call) if overdue else word)
    tasks = call.ws.tasks.open_for(owners, call.now if overdue else None, MAX_ROWS)
    if not tasks:
        return Reply(text=(wording.NO_OVERDUE if overdue else wording.NO_TASKS).format(whose=whose))
    text = (wording.LISTED_OVERDUE if overdue else wording.LISTED).format(
        count=len(tasks), tasks=wording.tasks_word(len(tasks)), whose=whose)
    return Reply(text=text, title=wording.TASKS_TITLE,
                 table=Table(wording.HEADERS, tuple(_row(call, t) for t in tasks)))


def _whose(call: Call, word: str) -> tuple[set[int] | None, str]:
    """The assignees a listing covers, and how to name them."""
    folded = word.casefold()
    if folded == "mine":
        return {call.me.id}, str(wording.YOU)
    if folded == "all" and is_admin(call.me):
        return None, call.workspace.name or str(wording.EVERYONE)
    if folded in ("team", "all"):
        if call.me.role == "rep":
            raise PermissionDenied(wording.TEAM_MANAGERS)
        return managed_ids(call, call.me) | {call.me.id}, str(wording.YOUR_TEAM)
    if word.startswith("@"):
        person = find_person(call, call.args[0])
        if not may_act_for(call, person.id):
            raise PermissionDenied(wording.NOT_YOUR_TEAM.format(name=person.display_name))
        return {person.id}, person.display_name
    raise UserError(wording.NOT_LIST_WORD.format(token=word), call.usage)


def _row(call: Call, task) -> tuple[str, ...]:
    zone = _zone_of(call, task.assignee_id)
    due = describe_due(task.due_at, task.has_time, zone)
    if task.overdue_at <= call.now:
        due = wording.OVERDUE_DUE.format(due=due)
    deal = call.ws.deals.by_id(task.deal_id) if task.deal_id else None
    account = call.ws.accounts.get(task.account_id) if task.account_id and deal is None else None
    on = f"#{deal.number} {deal.name}" if deal else (account.name if account else "")
    return (str(task.id), task.title, due, on, call.ws.people.get(task.assignee_id).display_name)
