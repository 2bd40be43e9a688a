"""1:1 meetings: `meeting add "1:1 with @bob" …` (or `agenda=scorecard with=@bob`) — who may set one up, and
its reminder, which carries Bob's scorecard and goes only to the manager who set it up and to Bob, as DMs."""
from __future__ import annotations

import re
from datetime import datetime

from handlers.analytics.args import read_period
from handlers.call import Call
from handlers.errors import PermissionDenied, UserError
from handlers.lookup import find_person
from handlers.parsing.tokens import Token
from handlers.permissions import is_admin, managed_ids, may_act_for
from handlers.ports import WorkspacePort
from handlers.records import Person, Schedule
from handlers.reply import Reply
from handlers.rhythm.scorecard import scorecard_reply
from handlers.schedules import wording
from handlers.schedules.jobs import Job

TEMPLATE = "scorecard"
SCORECARD_PERIOD = "quarter"  # what `scorecard @person` shows without a period
# The title says it: "1:1 with @bob" (any case; Slack's <@U…> mention arrives as @u…).
_TITLE = re.compile(r"\A\s*1:1 with (@\S+)", re.IGNORECASE)


def subject_of(call: Call, title: str, agenda: str | None) -> Person | None:
    """The person a new meeting is a 1:1 with (None: not a 1:1), checked: only their manager or an admin."""
    named = _TITLE.match(title)
    typed = call.option("with")
    if typed is None and named is None:
        if agenda == TEMPLATE:
            raise UserError(wording.ONE_ON_ONE_WHO, call.usage)
        return None
    if agenda not in (None, TEMPLATE):
        raise UserError(wording.ONE_ON_ONE_AGENDA.format(word=agenda), call.usage)
    person = find_person(call, Token(typed) if typed is not None else Token(named[1]))
    if named is not None and typed is not None and find_person(call, Token(named[1])).id != person.id:
        raise UserError(wording.ONE_ON_ONE_TWO_PEOPLE.format(title=named[1], typed=typed), call.usage)
    _require_manager_of(call, person)
    if not call.ws.teams.teams_of(person):
        raise UserError(wording.ONE_ON_ONE_NO_TEAM.format(person=person.display_name))
    return person


def titled(title: str, person: Person) -> str:
    """The title with the person as others read them (a Slack mention arrives as a platform id, @u0…)."""
    return _TITLE.sub(f"1:1 with @{person.handle}", title, count=1)


def _require_manager_of(call: Call, person: Person) -> None:
    if person.id == call.me.id:
        raise UserError(wording.ONE_ON_ONE_SELF, call.usage)
    if not (is_admin(call.me) or (call.me.role == "manager" and person.id in managed_ids(call, call.me))):
        raise PermissionDenied(wording.ONE_ON_ONE_NOT_ALLOWED.format(person=person.display_name))


def recipients(meeting: Schedule) -> tuple[int, ...]:
    """Everyone a 1:1's reminder goes to: its creator and the person it is about — nobody else, ever."""
    return tuple(dict.fromkeys(p for p in (meeting.owner_id, meeting.subject_id) if p is not None))


def compose_one_on_one(ws: WorkspacePort, meeting: Schedule, job: Job, start: str, now: datetime) -> Reply | None:
    """The reminder for one recipient, as that recipient; none when it would reach anyone else, or when the
    creator may no longer see the person's scorecard (they stopped managing them)."""
    subject = ws.people.get(meeting.subject_id) if meeting.subject_id else None
    reader = ws.people.get(job.person_id) if job.person_id else None
    owner = ws.people.get(meeting.owner_id) if meeting.owner_id else None
    if not job.is_direct or subject is None or reader is None or owner is None or reader.id not in recipients(meeting):
        return None
    if not may_act_for(Call.as_person(ws, owner, now), subject.id):
        return None
    call = Call.as_person(ws, reader, now)
    head = wording.ONE_ON_ONE_REMINDER.format(title=meeting.title, start=start, zone=meeting.timezone,
                                              owner=owner.display_name, person=subject.display_name)
    try:
        card = scorecard_reply(call, subject, read_period(call, SCORECARD_PERIOD))
    except UserError as error:  # no longer in a team: the reminder still comes, saying why there is no card
        return Reply(text=f"{head}\n{error.message}", title=wording.COMING_UP.format(title=meeting.title))
    return Reply(text=f"{head}\n{card.title}: {card.text}", title=wording.COMING_UP.format(title=meeting.title),
                 table=card.table)
