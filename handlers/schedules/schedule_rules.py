"""From parsed words to a stored rule, and a stored schedule back to words people read."""
from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from handlers.records import Schedule
from handlers.schedules.parse import RuleWords
from handlers.schedules.rules import Rule, next_occurrence


def rule_from_words(words: RuleWords, default_kind: str, default_at: str) -> Rule:
    hour, minute = (int(part) for part in default_at.split(":"))
    return Rule(words.kind or default_kind, words.at or time(hour, minute), words.day)


def stored_rule(schedule: Schedule) -> Rule:
    hour, minute = (int(part) for part in schedule.at_time.split(":"))
    return Rule(schedule.rule, time(hour, minute), schedule.rule_day)


def next_start(schedule: Schedule, zone: ZoneInfo, now: datetime, lead: timedelta = timedelta(0)) -> datetime | None:
    """The next start whose reminder (start - lead) is still ahead, honouring a skipped date."""
    after = now
    for _ in range(3):
        found = next_occurrence(stored_rule(schedule), zone, after, lead)
        if found is None or found.local_date != schedule.skip_date:
            return found.starts_at if found else None
        after = found.due_at
    return None


def describe_next(schedule: Schedule, zone: ZoneInfo, now: datetime, lead: timedelta = timedelta(0)) -> str:
    rule = stored_rule(schedule).describe()
    start = next_start(schedule, zone, now, lead)
    return f"{rule} — next {start.astimezone(zone):%a %d %b %H:%M}" if start else rule
