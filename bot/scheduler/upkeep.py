"""What a tick writes before it plans: the key-account check opens follow-up tasks for lapsed key accounts,
so their reminders go out through the same tick's task reminders."""
from __future__ import annotations

import logging
from datetime import datetime

from handlers.rhythm.key_care import open_lapse_follow_ups
from storage.rhythm.key_accounts import workspaces_with_key_accounts
from storage.store import Store

log = logging.getLogger(__name__)


def run_upkeep(store: Store, now: datetime) -> list[int]:
    """Every workspace with key accounts, each in its own unit of work; one failing does not stop the others."""
    opened: list[int] = []
    for workspace_id in workspaces_with_key_accounts(store.engine):
        try:
            opened += store.run_by_id(workspace_id, lambda ws: open_lapse_follow_ups(ws, now))
        except Exception:
            log.exception("key-account check failed for workspace %s", workspace_id)
    return opened
