"""When a schedule fires: rule + local wall-clock time + zone -> UTC instants, deterministic across DST;
a stored schedule row as a Rule (the one conversion) and back to words people read."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from handlers.i18n import _
from handlers.records import QuietHours, Schedule
from handlers.schedules.wording import day_time, short_day, weekday_name

if TYPE_CHECKING:
    from handlers.schedules.parse import RuleWords

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
RULE_KINDS = ("once", "daily", "weekdays", "weekly", "monthly")


@dataclass(frozen=True)
class Rule:
    """`kind` with its `day` (weekday 0-6 for weekly, day of month for monthly, date ordinal for once)."""

    kind: str
    at: time
    day: int | None = None

    def fires_on(self, day: date) -> bool:
        if self.kind == "daily":
            return True
        if self.kind == "weekdays":
            return day.weekday() < 5
        if self.kind == "weekly":
            return day.weekday() == self.day
        if self.kind == "monthly":
            return day.day == min(self.day or 1, calendar.monthrange(day.year, day.month)[1])
        return self.kind == "once" and day.toordinal() == self.day

    def describe(self) -> str:
        at = self.at.strftime("%H:%M")
        if self.kind == "weekly":
            return _("every {weekday} at {at}").format(weekday=weekday_name(self.day or 0), at=at)
        if self.kind == "monthly":
            return _("monthly on day {day} at {at}").format(day=self.day, at=at)
        if self.kind == "once":
            return _("once, {day} at {at}").format(day=short_day(date.fromordinal(self.day or 1)), at=at)
        return (_("every day at {at}") if self.kind == "daily" else _("weekdays at {at}")).format(at=at)


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of wall-clock `at` on `day` in `zone`.

    A time that happens twice (fall-back) is its first instant; a time that does not exist
    (spring-forward gap) becomes the first valid instant after it, the moment the clocks jump.
    """
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=zone, fold=0).astimezone(timezone.utc)
    if first.astimezone(zone).replace(tzinfo=None) == naive:
        return first
    # In a gap fold=1 uses the offset after the jump (an earlier instant); the jump lies in between.
    low = naive.replace(tzinfo=zone, fold=1).astimezone(timezone.utc)
    return _first_instant_after_gap(low, first, zone)


def _first_instant_after_gap(low: datetime, high: datetime, zone: ZoneInfo) -> datetime:
    """Bisect to the first second whose UTC offset is the post-transition one."""
    after = high.astimezone(zone).utcoffset()
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == after:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


@dataclass(frozen=True)
class Occurrence:
    """One firing: its local date (part of the delivery key) and when it is due, in UTC."""

    local_date: date
    starts_at: datetime
    due_at: datetime


def occurrences(rule: Rule, zone: ZoneInfo, after: datetime, until: datetime,
                lead: timedelta = timedelta(0)) -> list[Occurrence]:
    """Occurrences whose due time (start minus `lead`) is in (after, until], in order."""
    first = (after + lead).astimezone(zone).date() - timedelta(days=1)
    last = (until + lead).astimezone(zone).date() + timedelta(days=1)
    found, day = [], first
    while day <= last:
        if rule.fires_on(day):
            start = local_instant(day, rule.at, zone)
            if after < start - lead <= until:
                found.append(Occurrence(day, start, start - lead))
        day += timedelta(days=1)
    return found


def next_occurrence(rule: Rule, zone: ZoneInfo, after: datetime,
                    lead: timedelta = timedelta(0)) -> Occurrence | None:
    """The first occurrence due after `after` within about a year (None for a past `once`)."""
    window = after
    for _round in range(14):
        found = occurrences(rule, zone, window, window + timedelta(days=31), lead)
        if found:
            return found[0]
        window += timedelta(days=31)
    return None


@dataclass(frozen=True)
class QuietWindow:
    """When proactive messages may reach a person: [start, end) local, working days unless `weekends`."""

    start: time = time(8, 0)
    end: time = time(19, 0)
    weekends: bool = False
    off: bool = False

    def describe(self) -> str:
        if self.off:
            return _("any time")
        days = _("every day") if self.weekends else _("on working days")
        return _("{start}–{end} {days}").format(start=f"{self.start:%H:%M}", end=f"{self.end:%H:%M}", days=days)


def defer_to_window(instant: datetime, zone: ZoneInfo, window: QuietWindow) -> datetime:
    """`instant`, or the next moment the person's window is open when it falls in their quiet hours."""
    if window.off:
        return instant
    today = instant.astimezone(zone).date()
    for offset in range(8):
        day = today + timedelta(days=offset)
        if day.weekday() >= 5 and not window.weekends:
            continue
        opens, closes = local_instant(day, window.start, zone), local_instant(day, window.end, zone)
        if instant < opens:
            return opens
        if instant < closes:
            return instant
    return instant


def stored_window(row: QuietHours | None) -> QuietWindow:
    """A person's stored quiet hours (None: the default window)."""
    if row is None:
        return QuietWindow()
    return QuietWindow(time.fromisoformat(row.window_start), time.fromisoformat(row.window_end), row.weekends,
                       row.off)


def rule_from_words(words: RuleWords, default_kind: str, default_at: str) -> Rule:
    return Rule(words.kind or default_kind, words.at or time.fromisoformat(default_at), words.day)


def stored_rule(schedule: Schedule) -> Rule:
    """A schedule row's rule: `rule`, `at_time` (HH:MM) and `rule_day`."""
    return Rule(schedule.rule, time.fromisoformat(schedule.at_time), schedule.rule_day)


def next_start(schedule: Schedule, zone: ZoneInfo, now: datetime, lead: timedelta = timedelta(0)) -> datetime | None:
    """The next start whose reminder (start - lead) is still ahead, honouring a skipped date."""
    after = now
    for _skip in range(3):
        found = next_occurrence(stored_rule(schedule), zone, after, lead)
        if found is None or found.local_date != schedule.skip_date:
            return found.starts_at if found else None
        after = found.due_at
    return None


def describe_next(schedule: Schedule, zone: ZoneInfo, now: datetime, lead: timedelta = timedelta(0)) -> str:
    rule = stored_rule(schedule).describe()
    start = next_start(schedule, zone, now, lead)
    return _("{rule} — next {when}").format(rule=rule, when=day_time(start.astimezone(zone))) if start else rule
