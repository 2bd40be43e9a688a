"""`task add "<what>" [#ref|account] due=<date>[ <HH:MM>] [for=@person]`, and the follow-up `log ... next=` makes."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from handlers.call import Call
from handlers.deal_inputs import parse_name
from handlers.errors import PermissionDenied, UserError
from handlers.i18n import _
from handlers.lookup import find_deal, find_person
from handlers.parsing.tokens import Token
from handlers.permissions import may_act_for, require_deal_access
from handlers.records import Deal, Person
from handlers.reply import Action, Reply
from handlers.tasks import wording
from handlers.tasks.due import describe_due, parse_due
from handlers.zones import person_zone_name

ADD_OPTIONS = ("due", "for")
MAX_TITLE = 300


def add_task(call: Call) -> Reply:
    call.reject_unknown_options(ADD_OPTIONS)
    title = task_title(call.arg(0, _("what to do")).text)
    call.reject_extra_args(2)
    assignee = _assignee(call)
    deal, account = _target(call, call.args[1]) if len(call.args) > 1 else (None, None)
    due_text = call.option("due")
    if not due_text:
        raise UserError(wording.DUE_MISSING, call.usage)
    task = create_task(call, title, assignee, due_text, deal, account)
    return task_added(call, task, assignee, deal, account)


def task_title(text: str) -> str:
    if not " ".join(text.split()):
        raise UserError(wording.TITLE_MISSING)
    title = parse_name(text, "task")
    if len(title) > MAX_TITLE:
        raise UserError(wording.TITLE_TOO_LONG.format(limit=MAX_TITLE))
    return title


def _assignee(call: Call) -> Person:
    typed = call.options.get("for")
    if typed is None:
        return call.me
    person = find_person(call, typed)
    if not may_act_for(call, person.id):
        raise PermissionDenied(wording.ONLY_SELF.format(name=person.display_name))
    return person


def _target(call: Call, token: Token):
    """A deal (#12 or a name) or an account, as `log` reads it."""
    account = call.ws.accounts.by_name(token.text) if not token.text.startswith("#") else None
    if account is not None:
        return None, account
    deal = find_deal(call, token)
    require_deal_access(call, deal)
    return deal, None


def create_task(call: Call, title: str, assignee: Person, due_text: str, deal: Deal | None, account=None):
    """Write the task with its due time read in the assignee's zone."""
    due = parse_due(due_text, ZoneInfo(person_zone_name(call.ws, assignee)), call.now)
    task = call.ws.tasks.add(title=title, assignee_id=assignee.id, created_by_id=call.me.id, due_at=due.at,
                             overdue_at=due.overdue_at, has_time=due.has_time, now=call.now,
                             deal_id=deal.id if deal else None,
                             account_id=account.id if account else (deal.account_id if deal else None))
    call.ws.audit.record(call.me.id, "task.add", "task", task.id, call.now, assignee=assignee.id, title=title)
    return task


def task_added(call: Call, task, assignee: Person, deal: Deal | None, account) -> Reply:
    zone = ZoneInfo(person_zone_name(call.ws, assignee))
    whom = "" if assignee.id == call.me.id else wording.FOR_WHOM.format(name=assignee.display_name)
    target = f"#{deal.number} {deal.name}" if deal else (account.name if account else None)
    text = wording.ADDED.format(id=task.id, whom=whom, title=task.title,
                                due=describe_due(task.due_at, task.has_time, zone),
                                on=wording.ON.format(target=target) if target else "")
    return Reply(text=text, actions=task_actions(task, deal))


def task_actions(task, deal: Deal | None) -> tuple[Action, ...]:
    """Done / Snooze 1 day / Open the deal: what a reminder and a new task offer."""
    actions = [Action(wording.DONE_BUTTON, f"task done {task.id}", "primary"),
               Action(wording.SNOOZE_BUTTON, f"task snooze {task.id} 1d")]
    if deal is not None:
        actions.append(Action(wording.OPEN_DEAL_BUTTON, f"deal show #{deal.number}"))
    return tuple(actions)
