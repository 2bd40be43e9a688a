"""`deal reassign @from @to [open|all]`: a leaving rep's open deals (and, with `all`, their accounts) move to
someone else, who gets one message listing what they received. Won and lost deals never move."""
from __future__ import annotations

from handlers.i18n import _
from handlers import crm_wording as say
from handlers.call import Call
from handlers.deal_card import deal_money
from handlers.deal_edit import changed_columns, snapshot
from handlers.errors import PermissionDenied, UserError
from handlers.lookup import find_person
from handlers.permissions import may_hand_over
from handlers.ports import WorkspacePort
from handlers.records import DealFilter
from handlers.reply import Reply, Table

MAX_LISTED = 50


def reassign(call: Call) -> Reply:
    """Move every open deal of @from to @to; `all` hands over the accounts @from looks after too."""
    call.reject_unknown_options(())
    old = find_person(call, call.arg(0, _("the person handing over (@from)")))
    new = find_person(call, call.arg(1, _("the person receiving (@to)")))
    which = call.args[2].text.casefold() if len(call.args) > 2 else "open"
    call.reject_extra_args(3)
    if which not in ("open", "all"):
        raise UserError(_("'{word}' is not open or all").format(word=call.args[2].text), call.usage)
    if old.id == new.id:
        raise UserError(say.SAME_PERSON.format(name=old.display_name), call.usage)
    if not may_hand_over(call, old.id, new.id):
        raise PermissionDenied(say.OWNER_DENIED.format(old=old.display_name, new=new.display_name))
    deals = call.ws.deals.matching(DealFilter(owner_ids=frozenset({old.id})), limit=100_000)
    accounts = call.ws.accounts.owned_by(old.id) if which == "all" else []
    extra = _(" or accounts") if which == "all" else ""
    if not deals and not accounts:
        raise UserError(say.NOTHING_TO_MOVE.format(old=old.display_name, accounts=extra))
    _move(call, deals, accounts, new.id)
    entry = call.ws.audit.record(call.me.id, "deal.reassign", "person", old.id, call.now, to=new.id,
                                 deals=[d.id for d in deals], numbers=[d.number for d in deals],
                                 accounts=[a.id for a in accounts])
    if new.id != call.me.id:
        call.ws.schedules.post_later(new.id, "handover", entry.id, call.now)
    moved = _(" and {accounts}").format(accounts=say.plural(len(accounts), "account")) if accounts else ""
    text = say.REASSIGNED.format(count=len(deals), deals=say.noun(len(deals), "open deal"),
                                 old=old.display_name, new=new.display_name, accounts=moved)
    return Reply(text=text, table=_table(deals) if deals else None)


def _move(call: Call, deals, accounts, new_id: int) -> None:
    """Each deal's own audit entry too, so its history and `undo` see the change."""
    for deal in deals:
        before = snapshot(deal)
        deal.owner_id, deal.updated_at = new_id, call.now
        call.ws.audit.record(call.me.id, "deal.owner", "deal", deal.id, call.now, number=deal.number,
                             **changed_columns(before, snapshot(deal)))
    for account in accounts:
        account.owner_id = new_id


def _table(deals) -> Table:
    rows = tuple((f"#{d.number}", d.name, deal_money(d), d.stage) for d in deals[:MAX_LISTED])
    return Table(("#", _("Deal"), _("Amount"), _("Stage")), rows, "llrl")


def compose_handover(ws: WorkspacePort, entry_id: int) -> Reply | None:
    """The one message the new owner gets: every deal (and account) they received, still theirs and live."""
    entry = ws.audit.get(entry_id)
    if entry is None:
        return None
    detail = entry.details()
    ids = detail.get("deals") or ([entry.entity_id] if entry.entity == "deal" else [])
    receiver = detail.get("to") or detail.get("after", {}).get("owner_id")
    deals = [d for d in (ws.deals.by_id(i) for i in ids) if d is not None and d.owner_id == receiver]
    accounts = [a for a in (ws.accounts.get(i) for i in detail.get("accounts", [])) if a and a.owner_id == receiver]
    if not deals and not accounts:
        return None
    actor = ws.people.get(entry.actor_id)
    old_id = entry.entity_id if entry.entity == "person" else detail.get("before", {}).get("owner_id")
    old = ws.people.get(old_id) if old_id else None
    text = say.HANDOVER.format(actor=actor.display_name if actor else _("Someone"), count=len(deals),
                               deals=say.noun(len(deals), "open deal"), old=old.display_name if old else "?")
    footer = say.HANDOVER_ACCOUNTS.format(count=len(accounts), accounts=say.noun(len(accounts), "account"),
                                          names=", ".join(a.name for a in accounts)) if accounts else None
    return Reply(text=text, title=say.HANDOVER_TITLE, table=_table(deals) if deals else None, footer=footer)
