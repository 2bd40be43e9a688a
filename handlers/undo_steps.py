"""How each kind of change is undone, from its audit entry; each returns the words for what it undid."""
from __future__ import annotations

from datetime import date, datetime

from handlers.i18n import _, pgettext
from handlers import crm_wording as say
from handlers.call import Call
from handlers.deal_edit import snapshot
from handlers.errors import UserError
from handlers.records import AuditEntry, Deal


def _changed(what: str, thing: str) -> UserError:
    return UserError(say.CHANGED_SINCE.format(what=what, thing=thing))


def _live_deal(call: Call, entry: AuditEntry, what: str) -> Deal:
    deal = call.ws.deals.by_id(entry.entity_id)
    if deal is None:
        raise _changed(what, _("#{number} (it is deleted)").format(number=entry.details().get("number")))
    return deal


def undo_add(call: Call, entry: AuditEntry) -> str:
    deal = _live_deal(call, entry, _("Adding the deal"))
    call.ws.deals.soft_delete(deal, call.now)
    return _("#{number} {name} added — it is deleted again (`deal restore #{number}` brings it back)").format(
        number=deal.number, name=deal.name)


def undo_update(call: Call, entry: AuditEntry) -> str:
    detail = entry.details()
    what = _("The update of #{number}").format(number=detail.get("number"))
    deal = _live_deal(call, entry, what)
    before, after = detail.get("before", {}), detail.get("after", {})
    now = snapshot(deal)
    moved = [key for key, value in after.items() if now.get(key) != value]
    if moved:
        raise _changed(what, _("#{number}'s {field}").format(number=deal.number,
                                                             field=moved[0].removesuffix("_id").replace("_", " ")))
    for column, value in before.items():
        setattr(deal, column, date.fromisoformat(value) if column == "expected_close" and value else value)
    if "name" in before:
        call.ws.deals.rename(deal, before["name"])
    deal.updated_at = call.now
    shown = ", ".join(f"{pgettext('option', k)} → {v}" for k, v in detail.items()
                      if k not in ("number", "before", "after"))
    return _("#{number} updated ({changes}) — its earlier values are back").format(number=deal.number, changes=shown)


def undo_stage(call: Call, entry: AuditEntry) -> str:
    detail = entry.details()
    number, was = detail.get("number"), detail.get("was")
    what = _("Moving #{number} to {stage}").format(number=number, stage=detail.get("to_stage"))
    deal = _live_deal(call, entry, what)
    change_id = detail.get("change_id")
    last = call.ws.deals.last_change(deal)
    if not was or deal.stage != detail.get("to_stage") or (change_id and (last is None or last.id != change_id)):
        raise _changed(what, _("#{number}'s stage").format(number=number))
    if change_id:
        call.ws.deals.unmove(change_id)
    deal.stage, deal.status, deal.lost_reason = was["stage"], was["status"], was["lost_reason"]
    deal.stage_entered_at = datetime.fromisoformat(was["stage_entered_at"])
    deal.closed_at = datetime.fromisoformat(was["closed_at"]) if was["closed_at"] else None
    deal.updated_at = datetime.fromisoformat(was["updated_at"])
    return _("#{number} moved from {before} to {after} — it is back in {stage}").format(
        number=number, before=detail.get("from_stage"), after=detail.get("to_stage"), stage=deal.stage)


def undo_delete(call: Call, entry: AuditEntry) -> str:
    number = entry.details().get("number")
    deal = call.ws.deals.by_number(number, deleted=True) if number else None
    if deal is None or deal.id != entry.entity_id:
        raise _changed(_("Deleting #{number}").format(number=number),
                       _("#{number} (it is no longer deleted)").format(number=number))
    call.ws.deals.restore(deal, call.now)
    return _("#{number} {name} deleted — it is back").format(number=number, name=deal.name)


def undo_restore(call: Call, entry: AuditEntry) -> str:
    deal = _live_deal(call, entry, _("The restore"))
    call.ws.deals.soft_delete(deal, call.now)
    return _("#{number} {name} restored — it is deleted again").format(number=deal.number, name=deal.name)


def undo_activity_add(call: Call, entry: AuditEntry) -> str:
    activity = call.ws.activities.get(entry.entity_id)
    if activity is None:
        raise _changed(_("Logging the activity"), _("activity {id} (it is deleted)").format(id=entry.entity_id))
    call.ws.activities.soft_delete(activity, call.now)
    return _("the {kind} logged as activity {id} — it is removed").format(kind=say.kind_name(activity.kind),
                                                                          id=activity.id)


def undo_activity_edit(call: Call, entry: AuditEntry) -> str:
    detail = entry.details()
    activity = call.ws.activities.get(entry.entity_id)
    if activity is None or activity.notes != detail.get("after", {}).get("notes"):
        raise _changed(_("The edit of activity {id}").format(id=entry.entity_id),
                       _("activity {id}").format(id=entry.entity_id))
    call.ws.activities.set_notes(activity, detail.get("before", {}).get("notes", ""))
    return _("the edit of activity {id} — its notes read “{notes}” again").format(id=activity.id, notes=activity.notes)


def undo_activity_delete(call: Call, entry: AuditEntry) -> str:
    activity = call.ws.activities.get(entry.entity_id, deleted=True)
    if activity is None:
        raise _changed(_("Deleting activity {id}").format(id=entry.entity_id),
                       _("activity {id}").format(id=entry.entity_id))
    call.ws.activities.restore(activity)
    return _("activity {id} ({kind}) deleted — it is back").format(id=activity.id, kind=say.kind_name(activity.kind))


def undo_reassign(call: Call, entry: AuditEntry) -> str:
    """Deals and accounts still with the receiver go back; ones that moved on since stay where they are."""
    detail = entry.details()
    old, new = call.ws.people.get(entry.entity_id), call.ws.people.get(detail.get("to"))
    deals = [d for d in (call.ws.deals.by_id(i) for i in detail.get("deals", [])) if d and d.owner_id == new.id]
    for deal in deals:
        deal.owner_id, deal.updated_at = old.id, call.now
    for account in (call.ws.accounts.get(i) for i in detail.get("accounts", [])):
        if account is not None and account.owner_id == new.id:
            account.owner_id = old.id
    count = len(detail.get("deals", []))
    return _("{deals} handed from {old} to {new} — {back} back with {old}").format(
        deals=say.plural(count, "deal"), old=old.display_name, new=new.display_name,
        back=say.plural(len(deals), "deal"))


REVERTERS = {
    "deal.add": undo_add, "deal.update": undo_update, "deal.stage": undo_stage, "deal.delete": undo_delete,
    "deal.restore": undo_restore, "deal.reassign": undo_reassign, "activity.add": undo_activity_add,
    "activity.edit": undo_activity_edit, "activity.delete": undo_activity_delete,
}
