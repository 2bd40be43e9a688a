"""The weekly forecast prompt (a rep's roll-up with "Submit as is" and "Adjust") and the one reminder before
the manager's forecast call to those who have not submitted this week."""
from __future__ import annotations

from datetime import datetime, timedelta

from handlers.i18n.dates import local_time
from handlers.call import Call
from handlers.forecast import wording
from handlers.forecast.args import current_period, week_start
from handlers.forecast.results import Rollup
from handlers.forecast.submit import computed_rollup, plain_amount
from handlers.forecast.view import short_money
from handlers.ports import WorkspacePort
from handlers.records import Person
from handlers.reply import Action, Reply
from handlers.schedules.jobs import Job

CALL_REMINDER_LEAD = timedelta(hours=2)  # before the forecast call starts: time enough to submit


def compose_prompt(ws: WorkspacePort, job: Job, now: datetime) -> Reply | None:
    """The rep's computed roll-up for the current period, with buttons to submit it or adjust it first."""
    schedule = ws.schedules.get("forecast", job.schedule_id)
    person = ws.people.get(job.person_id)
    if schedule is None or not schedule.active or person is None:
        return None
    return prompt_reply(Call.as_person(ws, person, now), None)


def compose_call_reminder(ws: WorkspacePort, job: Job, now: datetime) -> Reply | None:
    """Before a forecast call: only to a member who has not submitted for the period this week."""
    meeting = ws.schedules.get("meeting", job.schedule_id)
    person = ws.people.get(job.person_id)
    if meeting is None or not meeting.active or person is None:
        return None
    call = Call.as_person(ws, person, now)
    if has_submitted(call, person):
        return None
    start = job.due_at + CALL_REMINDER_LEAD
    shown = local_time(start.astimezone(call.zone), "%a %H:%M", "EEE")
    head = wording.CALL_REMINDER.format(title=meeting.title, start=shown,
                                        period=current_period(call).label)
    return prompt_reply(call, head)


def has_submitted(call: Call, person: Person) -> bool:
    period = current_period(call)
    latest = call.ws.forecast.submissions({person.id}, period.first_day, call.now)
    return any(s.scope == "own" and s.at >= week_start(call) for s in latest)


def prompt_reply(call: Call, head: str | None) -> Reply:
    period = current_period(call)
    numbers: Rollup = computed_rollup(call, {call.me.id}, period)
    text = wording.PROMPT_TEXT.format(period=period.label, commit=short_money(call, numbers.commit),
                                      best=short_money(call, numbers.best_case),
                                      pipeline=short_money(call, numbers.open_pipeline))
    # "Submit as is" submits exactly the numbers shown, even if a deal changes before the press.
    submit = (f"forecast submit commit={plain_amount(call, numbers.commit)} "
              f"best={plain_amount(call, numbers.best_case)} {period.label}")
    actions = (Action(wording.PROMPT_SUBMIT, submit, "primary"),
               Action(wording.PROMPT_ADJUST, f"forecast form {period.label}"))
    return Reply(text=f"{head}\n{text}" if head else text, title=wording.PROMPT_TITLE, actions=actions)

