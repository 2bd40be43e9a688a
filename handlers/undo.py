"""`undo`: take back your own last change of the last 10 minutes, once, saying exactly what was undone.

Each change's audit entry holds what undoing it needs (the values before and after); the undo is recorded
too, so the trail keeps both, and the same change is never undone twice.
"""
from __future__ import annotations

from datetime import timedelta

from handlers import crm_wording as say
from handlers.call import Call
from handlers.records import AuditEntry
from handlers.reply import Reply
from handlers.undo_steps import REVERTERS

WINDOW = timedelta(minutes=10)


def undo(call: Call) -> Reply:
    call.reject_unknown_options(())
    call.reject_extra_args(0)
    entry = last_change(call)
    if entry is None:
        return Reply(text=say.NOTHING_TO_UNDO.format(minutes=int(WINDOW.total_seconds() // 60)))
    what = REVERTERS[entry.action](call, entry)
    call.ws.audit.record(call.me.id, "undo", entry.entity, entry.entity_id, call.now, undoes=entry.id,
                         undid=entry.action, what=what)
    return Reply(text=say.UNDONE.format(what=what))


def last_change(call: Call) -> AuditEntry | None:
    """The sender's newest undoable change within the window that no undo has taken back yet."""
    entries = call.ws.audit.by_actor_since(call.me.id, call.now - WINDOW, limit=500)
    undone = {entry.details().get("undoes") for entry in entries if entry.action == "undo"}
    return next((e for e in entries if e.action in REVERTERS and e.id not in undone), None)
