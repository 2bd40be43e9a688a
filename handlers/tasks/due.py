"""When a task is due: a date with an optional time, in the assignee's zone; and how far a snooze moves it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from handlers.errors import UserError
from handlers.i18n.dates import shown_day
from handlers.parsing.values import parse_date, parse_duration, parse_time_of_day
from handlers.schedules.rules import local_instant
from handlers.tasks import wording

# A task due on a day without a time is brought up at the start of that working day.
DEFAULT_REMIND = time(9, 0)


@dataclass(frozen=True)
class Due:
    """`at`: when the reminder is due; `overdue_at`: when it counts as overdue (end of the day without a time)."""

    at: datetime
    overdue_at: datetime
    has_time: bool


class PastDue(UserError):
    """The due time asked for has already passed (a snooze does not read it as a duration either)."""
def parse_due(text: str, zone: ZoneInfo, now: datetime) -> Due:
    """`fri`, `2026-12-15 15:00`, `tomorrow 9am`: refused when the moment has passed."""
    words = text.split()
    clock = _clock(words[-1]) if len(words) > 1 else None
    day = parse_date(" ".join(words[:-1] if clock else words), now.astimezone(zone).date())
    if clock is not None:
        at = local_instant(day, clock, zone)
        if at <= now:
            raise PastDue(wording.DUE_PAST.format(token=text))
        return Due(at, at, True)
    end = local_instant(day + timedelta(days=1), time(0), zone)
    if end <= now:
        raise PastDue(wording.DUE_PAST.format(token=text))
    return Due(max(local_instant(day, DEFAULT_REMIND, zone), now), end, False)


def _clock(word: str) -> time | None:
    try:
        return parse_time_of_day(word)
    except UserError:
        return None


def parse_snooze(text: str, zone: ZoneInfo, now: datetime, due_at: datetime) -> Due:
    """`1d`, `2h`, `30m` later than the due time (or than now, once it has passed), or a new due date and
    time like `mon 09:00`."""
    try:
        at = max(now, due_at) + parse_duration(text)
    except UserError:
        at = None
    if at is not None:
        return Due(at, at, True)
    try:
        return parse_due(text, zone, now)
    except PastDue:
        raise
    except UserError:
        raise UserError(wording.NOT_WHEN.format(token=text)) from None


def describe_due(due_at: datetime, has_time: bool, zone: ZoneInfo) -> str:
    local = due_at.astimezone(zone)
    return shown_day(local, f"%a {local.day} %b" + (" %H:%M" if has_time else ""), weekday=True, clock=has_time)
