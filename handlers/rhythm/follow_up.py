"""The follow-up task a key account's lapse or a low CSAT score opens for the account's owner."""
from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from handlers.ports import WorkspacePort
from handlers.records import Person
from handlers.schedules.rules import local_instant
from handlers.tasks.due import DEFAULT_REMIND
from handlers.zones import person_zone_name


def open_follow_up(ws: WorkspacePort, owner: Person, title: str, account_id: int, now: datetime):
    """A task due today in the owner's zone: reminded at 09:00 (or now, later in the day), as `task add
    due=today` would be, overdue at the end of the day. Made by the bot, so it has no creator."""
    zone = ZoneInfo(person_zone_name(ws, owner))
    today = now.astimezone(zone).date()
    due_at = max(local_instant(today, DEFAULT_REMIND, zone), now)
    overdue_at = local_instant(today + timedelta(days=1), time(0), zone)
    task = ws.tasks.add(title=title[:300], assignee_id=owner.id, created_by_id=None, due_at=due_at,
                        overdue_at=overdue_at, has_time=False, now=now, account_id=account_id)
    ws.audit.record(None, "task.add", "task", task.id, now, assignee=owner.id, title=task.title)
    return task
