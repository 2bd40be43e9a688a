"""What the scheduler posts for each kind of job, composed as its recipient; None: nothing to say this time."""
from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from typing import Callable

from handlers.call import Call
from handlers.dataio.conflicts import DATAIO_OUTBOX
from handlers.deal_owner import compose_handover
from handlers.i18n import using_locale
from handlers.i18n.speaker import speaking_locale, spoken
from handlers.ports import WorkspacePort
from handlers.reply import Reply
from handlers.forecast import prompt as forecast_prompt
from handlers.schedules import wording
from handlers.schedules.digest import compose_digest
from handlers.schedules.digest_figures import DigestFigureSource
from handlers.schedules.feedback import results_for
from handlers.schedules.feedback_view import prompt_reply
from handlers.schedules.jobs import Job
from handlers.schedules.meetings import compose_reminder
from handlers.schedules.nudges import compose_nudge
from handlers.schedules.winloss import compose_question
from handlers.tasks.reminders import KIND as TASK_KIND, compose_task_reminder
from handlers.rhythm.commands import RHYTHM_OUTBOX


def compose_prompt(ws: WorkspacePort, job: Job, now: datetime) -> Reply | None:
    """Open (or join) the round of this occurrence and post the question."""
    prompt = ws.schedules.get("feedback", job.schedule_id)
    if prompt is None or not prompt.active:
        return None
    close = job.due_at + timedelta(minutes=prompt.close_minutes or 24 * 60)
    round_ = ws.feedback.open_round(prompt.id, job.local_date.isoformat(), now, max(close, now + timedelta(hours=1)))
    if round_.closed_at is not None:
        return None
    return prompt_reply(prompt, round_, public=not job.is_direct)


def compose_round_reminder(ws: WorkspacePort, job: Job, now: datetime) -> Reply | None:
    round_ = ws.feedback.round(job.round_id)
    prompt = ws.schedules.get("feedback", round_.schedule_id) if round_ else None
    if prompt is None or round_.closed_at is not None or now >= round_.closes_at:
        return None
    if ws.feedback.has_answered(round_, job.person_id):
        return None
    closes = wording.weekday_time(round_.closes_at.astimezone(Call.as_person(ws, ws.people.get(job.person_id),
                                                                             now).zone))
    return prompt_reply(prompt, round_, wording.REMINDER_NUDGE.format(question=prompt.title, closes=closes))


def compose_results(ws: WorkspacePort, job: Job, now: datetime) -> Reply | None:
    """Close the round (an anonymous one forgets who took part) and send the results to whoever asked."""
    round_ = ws.feedback.round(job.round_id)
    prompt = ws.schedules.get("feedback", round_.schedule_id) if round_ else None
    owner = ws.people.get(prompt.owner_id) if prompt else None
    if prompt is None or owner is None:
        return None
    if round_.closed_at is None:
        ws.feedback.close(round_, now, prompt.anonymous)
    return results_for(Call.as_person(ws, owner, now), prompt)


OutboxMessage = Callable[[WorkspacePort, int, datetime], "Reply | None"]
# A queued one-off message by its kind; `ref` is the row it is about (a round, a request, a score...).
OUTBOX_MESSAGES: dict[str, OutboxMessage] = {
    "winloss": lambda ws, ref, now: compose_question(ws, ref),
    "handover": lambda ws, ref, now: compose_handover(ws, ref),
    **RHYTHM_OUTBOX,
    **DATAIO_OUTBOX,
}


def compose_outbox(ws: WorkspacePort, job: Job, now: datetime) -> Reply | None:
    message = OUTBOX_MESSAGES.get(job.topic or "winloss")
    return message(ws, job.round_id, now) if message else None


ComposeJob = Callable[[WorkspacePort, Job, datetime], "Reply | None"]


class Composer:
    """Composes every kind of job. Digests and meeting agendas share `figures`, so one tick computes the
    workspace's funnel history once however many digests it posts."""

    def __init__(self, figures: DigestFigureSource) -> None:
        self.composers: dict[str, ComposeJob] = {
            "digest": partial(compose_digest, source=figures),
            "meeting": partial(compose_reminder, source=figures),
            "feedback": compose_prompt,
            "feedback-remind": compose_round_reminder,
            "feedback-results": compose_results,
            "nudge": compose_nudge,
            "outbox": compose_outbox,
            TASK_KIND: compose_task_reminder,
            "forecast": forecast_prompt.compose_prompt,
            "forecast-call": forecast_prompt.compose_call_reminder,
        }

    def __call__(self, ws: WorkspacePort, job: Job, now: datetime) -> Reply | None:
        """Composed in the recipient's language: a DM in the person's, a channel post in the workspace's."""
        person = ws.people.get(job.person_id) if job.is_direct and job.person_id else None
        with using_locale(speaking_locale(ws.workspace, person)):
            reply = self.composers[job.kind](ws, job, now)
            return spoken(reply) if reply is not None else None
