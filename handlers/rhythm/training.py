"""`training add|done|list`: learning assigned to people, tracked to done, reminded once before it is due."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from handlers.analytics.args import read_arguments
from handlers.call import Call
from handlers.errors import PermissionDenied, UserError
from handlers.i18n import _
from handlers.i18n.dates import shown_day
from handlers.lookup import find_person
from handlers.parsing.values import parse_date
from handlers.permissions import may_act_for
from handlers.ports import WorkspacePort
from handlers.reply import Action, Reply, Table
from handlers.rhythm import wording
from handlers.rhythm.text import clean_text
from handlers.scope import team_scope

MAX_TITLE = 300
REMIND_AT = time(9, 0)  # the day before it is due, in the assignee's zone


def add_training(call: Call) -> Reply:
    """`training add "<title>" [url=] [due=] [for=@person|team]` — for yourself unless you manage them."""
    call.reject_unknown_options(("url", "due", "for"))
    call.reject_extra_args(1)
    title = clean_text(call.arg(0, _("the title")).text, MAX_TITLE, _("the title"), call.usage)
    if not title:
        raise UserError(wording.TRAINING_TITLE_MISSING, call.usage)
    url = _url(call)
    due = _due(call)
    who, assignees = _assignees(call)
    item, assignments = call.ws.rhythm.training.add(title, url, due, call.me.id, assignees, call.now)
    if due is not None:
        for assignment in assignments:
            _plan_reminder(call, assignment.id, assignment.person_id, due)
    shown_due = wording.TRAINING_DUE.format(due=shown_day(due, "%a %d %b", weekday=True)) if due else ""
    return Reply(text=wording.TRAINING_ADDED.format(id=item.id, title=title, who=who, due=shown_due))


def _url(call: Call) -> str | None:
    url = call.option("url")
    if url is not None and (not url.startswith(("http://", "https://")) or len(url) > 1000 or " " in url):
        raise UserError(wording.TRAINING_BAD_URL.format(url=url[:80]), call.usage)
    return url


def _due(call: Call) -> date | None:
    text = call.option("due")
    if text is None:
        return None
    try:
        return parse_date(text, call.today)
    except UserError as error:
        raise error.with_usage(call.usage) from None


def _assignees(call: Call) -> tuple[str, list[int]]:
    """Who gets the item, named for the reply: yourself, a person you may act for, or your team."""
    word = call.options.get("for")
    if word is None:
        return _("you"), [call.me.id]
    if word.text.casefold() == "team":
        if call.me.role == "rep":
            raise PermissionDenied(_("only managers and admins can assign training to a team"))
        scope = team_scope(call)
        return scope.label, sorted(scope.owner_ids - {call.me.id}) or [call.me.id]
    if not word.text.startswith("@"):
        raise UserError(wording.TRAINING_BAD_FOR.format(word=word.text), call.usage)
    person = find_person(call, word)
    if not may_act_for(call, person.id):
        raise PermissionDenied(_("only {person}, their manager or an admin can assign them training").format(
            person=person.display_name))
    return person.display_name, [person.id]


def _plan_reminder(call: Call, assignment_id: int, person_id: int, due: date) -> None:
    """One reminder at 09:00 the day before (their zone; quiet hours apply when it is sent); none when late."""
    person = call.ws.people.get(person_id)
    zone = Call.as_person(call.ws, person, call.now).zone
    at = datetime.combine(due - timedelta(days=1), REMIND_AT, zone)
    if due <= call.now.astimezone(zone).date():
        return
    call.ws.schedules.post_later(person_id, "training", assignment_id, max(at, call.now))


def mark_done(call: Call) -> Reply:
    """`training done <id>`: your copy of the item is done."""
    call.reject_unknown_options(())
    call.reject_extra_args(1)
    item_id = _id(call)
    item = call.ws.rhythm.training.item(item_id)
    if item is None:
        raise UserError(wording.TRAINING_NO_SUCH.format(id=item_id), call.usage)
    assignment = call.ws.rhythm.training.assignment(item.id, call.me.id)
    if assignment is None:
        raise UserError(wording.TRAINING_NOT_YOURS.format(id=item_id))
    if assignment.done_at is not None:
        day = shown_day(assignment.done_at.astimezone(call.zone), "%a %d %b", weekday=True)
        return Reply(text=wording.TRAINING_ALREADY.format(id=item.id, title=item.title, day=day))
    call.ws.rhythm.training.mark_done(assignment, call.now)
    return Reply(text=wording.TRAINING_DONE.format(id=item.id, title=item.title))


def _id(call: Call) -> int:
    token = call.arg(0, _("the training number"))
    text = token.text.lstrip("#")
    if not text.isdecimal() or len(text) > 12:
        raise UserError(_("'{token}' is not a training number — `training list` shows them").format(
            token=token.text), call.usage)
    return int(text)


def list_training(call: Call) -> Reply:
    """`training list [mine|team|@person]`: open first, soonest due first."""
    reading = read_arguments(call, None)
    scope = reading.scope
    pairs = call.ws.rhythm.training.assigned(set(scope.owner_ids) if scope.owner_ids is not None else None)
    if not pairs:
        return Reply(text=wording.TRAINING_LIST_EMPTY.format(scope=scope.label))
    names = {p.id: p.display_name for p in call.ws.people.all()}
    rows = tuple((str(item.id), item.title + (f" — {item.url}" if item.url else ""), names.get(a.person_id, "?"),
                  shown_day(item.due, "%d %b") if item.due else "—", _status(call, item.due, a.done_at))
                 for item, a in pairs)
    done = sum(1 for _item, a in pairs if a.done_at is not None)
    return Reply(text=wording.TRAINING_LIST_TEXT.format(scope=scope.label, open=len(pairs) - done, done=done),
                 table=Table(wording.TRAINING_HEADERS, rows))


def _status(call: Call, due: date | None, done_at: datetime | None) -> str:
    if done_at is not None:
        return wording.TRAINING_STATUS_DONE.format(day=shown_day(done_at.astimezone(call.zone), "%d %b"))
    if due is not None and due < call.today:
        return wording.TRAINING_STATUS_OVERDUE
    return wording.TRAINING_STATUS_OPEN


def compose_training_reminder(ws: WorkspacePort, assignment_id: int, now: datetime) -> Reply | None:
    """The reminder the day before; nothing if it was done (or removed) meanwhile."""
    found = ws.rhythm.training.assignment_by_id(assignment_id)
    if found is None or found[1].done_at is not None:
        return None
    item = found[0]
    actions = (Action(wording.TRAINING_DONE_BUTTON, f"training done {item.id}", "primary"),)
    return Reply(text=wording.TRAINING_REMINDER.format(title=item.title,
                                                       due=shown_day(item.due, "%a %d %b", weekday=True)),
                 title=item.title, actions=actions, footer=item.url)
