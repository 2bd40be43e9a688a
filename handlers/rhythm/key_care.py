"""When a key account has lapsed (no activity within its cadence), and what follows: one follow-up task per
lapse from the scheduler's tick, and the lines `risks` and the digest show."""
from __future__ import annotations

from datetime import datetime, timedelta

from handlers.i18n import _, using_locale
from handlers.i18n.speaker import speaking_locale
from handlers.ports import WorkspacePort
from handlers.reply import Fact
from handlers.rhythm import wording
from handlers.rhythm.follow_up import open_follow_up
from handlers.rhythm.port import KeyAccountState

MAX_LISTED = 8


def anchor(state: KeyAccountState) -> datetime:
    """Where the quiet spell starts: the last activity on the account or its deals, else the marking."""
    return state.last_activity_at or state.marked_at


def next_due(state: KeyAccountState) -> datetime:
    return anchor(state) + timedelta(days=state.every_days)


def is_lapsed(state: KeyAccountState, now: datetime) -> bool:
    return now >= next_due(state)


def idle_days(state: KeyAccountState, now: datetime) -> int:
    return max(0, (now - anchor(state)).days)


def lapsed(ws: WorkspacePort, owner_ids: set[int] | None, now: datetime) -> list[KeyAccountState]:
    return [s for s in ws.rhythm.key_accounts.states(owner_ids) if is_lapsed(s, now)]


def open_lapse_follow_ups(ws: WorkspacePort, now: datetime) -> list[int]:
    """The scheduler's check: a follow-up task for the owner of each key account that lapsed, once per lapse
    (a lapse is known by its anchor; an activity moves the anchor and ends it). The new tasks' ids."""
    opened = []
    for state in lapsed(ws, None, now):
        owner = ws.people.get(state.owner_id) if state.owner_id else None
        if owner is None or state.followed_up_anchor == anchor(state):
            continue
        if not ws.rhythm.key_accounts.claim_lapse(state.account_id, anchor(state)):
            continue  # another scheduler took it a moment ago
        with using_locale(speaking_locale(ws.workspace, owner)):  # a task title is read by its owner
            title = wording.KEY_TASK_TITLE.format(account=state.name, idle=idle_days(state, now))
        task = open_follow_up(ws, owner, title, state.account_id, now)
        ws.rhythm.key_accounts.record_follow_up(state.account_id, task.id)
        opened.append(task.id)
    return opened


def lapsed_fact(ws: WorkspacePort, owner_ids: set[int] | None, now: datetime) -> Fact | None:
    """`Key accounts to follow up: Acme Corp (Bob, 45 days quiet, every 30)` for `risks` and the digest."""
    found = lapsed(ws, owner_ids, now)
    if not found:
        return None
    names = {p.id: p.display_name for p in ws.people.all()}
    items = [wording.KEY_LAPSED_ITEM.format(account=s.name, owner=names.get(s.owner_id, "—"),
                                            idle=idle_days(s, now), days=s.every_days) for s in found]
    more = _("; +{count} more (`account list key`)").format(count=len(items) - MAX_LISTED) \
        if len(items) > MAX_LISTED else ""
    return Fact(wording.DIGEST_LABELS["key_lapsed"], "; ".join(items[:MAX_LISTED]) + more)
