"""An audit entry in words, as `deal history` lists it and `undo` reports it."""
from __future__ import annotations

from handlers.i18n import _, pgettext
from handlers.ports import WorkspacePort
from handlers.records import AuditEntry

_BOOKKEEPING = ("number", "before", "after", "name")


def describe(ws: WorkspacePort, entry: AuditEntry) -> str:
    """What the entry changed, in a few words."""
    detail = entry.details()
    return _DESCRIBERS.get(entry.action, lambda w, d: entry.action)(ws, detail)


def _update(ws: WorkspacePort, detail: dict) -> str:
    shown = [f"{pgettext('option', key)} → {value}" for key, value in detail.items() if key not in _BOOKKEEPING]
    return _("updated {changes}").format(changes=", ".join(shown)) if shown else _("updated")


def _owner(ws: WorkspacePort, detail: dict) -> str:
    person = ws.people.get(detail.get("after", {}).get("owner_id") or 0)
    return _("handed to {person}").format(person=person.display_name if person else "?")


def _stage(ws: WorkspacePort, detail: dict) -> str:
    to_stage, reason = detail.get("to_stage"), detail.get("reason")
    if detail.get("from_stage") == to_stage:
        return _("lost reason set: {reason}").format(reason=reason)
    why = f": {reason}" if reason else ""
    return _("moved from {before} to {after}{why}").format(before=detail.get("from_stage"), after=to_stage, why=why)


_DESCRIBERS = {
    "deal.add": lambda ws, d: _("added in {stage}").format(stage=d.get("stage")),
    "deal.update": _update,
    "deal.owner": _owner,
    "deal.stage": _stage,
    "deal.delete": lambda ws, d: _("deleted"),
    "deal.restore": lambda ws, d: _("restored"),
    "undo": lambda ws, d: _("undone: {what}").format(what=d.get("what", d.get("undid"))),
}
