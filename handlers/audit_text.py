"""An audit entry in words, as `deal history` lists it and `undo` reports it."""
from __future__ import annotations

from handlers.ports import WorkspacePort
from handlers.records import AuditEntry

_BOOKKEEPING = ("number", "before", "after", "name")


def describe(ws: WorkspacePort, entry: AuditEntry) -> str:
    """What the entry changed, in a few words."""
    detail = entry.details()
    return _DESCRIBERS.get(entry.action, lambda w, d: entry.action)(ws, detail)


def _update(ws: WorkspacePort, detail: dict) -> str:
    shown = [f"{key} → {value}" for key, value in detail.items() if key not in _BOOKKEEPING]
    return "updated " + ", ".join(shown) if shown else "updated"


def _owner(ws: WorkspacePort, detail: dict) -> str:
    person = ws.people.get(detail.get("after", {}).get("owner_id") or 0)
    return f"handed to {person.display_name if person else '?'}"


def _stage(ws: WorkspacePort, detail: dict) -> str:
    to_stage, reason = detail.get("to_stage"), detail.get("reason")
    if detail.get("from_stage") == to_stage:
        return f"lost reason set: {reason}"
    why = f": {reason}" if reason else ""
    return f"moved from {detail.get('from_stage')} to {to_stage}{why}"


_DESCRIBERS = {
    "deal.add": lambda ws, d: f"added in {d.get('stage')}",
    "deal.update": _update,
    "deal.owner": _owner,
    "deal.stage": _stage,
    "deal.delete": lambda ws, d: "deleted",
    "deal.restore": lambda ws, d: "restored",
    "undo": lambda ws, d: f"undone: {d.get('what', d.get('undid'))}",
}
