"""`find <text>`: deals, accounts, contacts and activity notes that match, best first, with their refs."""
from __future__ import annotations

from handlers.i18n import _, pgettext
from handlers import crm_wording as say
from handlers.call import Call
from handlers.deal_card import deal_money
from handlers.errors import UserError
from handlers.paging import more_actions, page_of
from handlers.permissions import DEALS, may_read
from handlers.reply import Action, Reply, Table

MAX_TEXT = 200


def find(call: Call) -> Reply:
    call.reject_unknown_options(("page",))
    text = " ".join(token.text for token in call.args).strip()
    if not text:
        raise UserError(str(say.FIND_WHAT), call.usage)
    if len(text) > MAX_TEXT:
        raise UserError(_("the search is longer than {limit} characters").format(limit=MAX_TEXT), call.usage)
    page = page_of(call)
    total, hits = call.ws.search.search(text, page.size, page.offset)
    page.check(total, "match")
    if not hits:
        return Reply(text=say.FIND_EMPTY.format(text=text))
    rows = [row for row in (_row(call, hit) for hit in hits) if row]
    total -= len(hits) - len(rows)  # matches the reader may not see are not counted either (on this page)
    if not rows:
        return Reply(text=say.FIND_EMPTY.format(text=text))
    head = say.FIND_HEAD.format(total=total, matches=say.noun(total, "match", "matches"), text=text,
                                showing=page.showing(len(rows), total))
    opens = tuple(Action(_("Open {ref}").format(ref=row[1] or row[2]), _open(row)) for row in rows[:3] if _open(row))
    shown = tuple((_KINDS[row[0]](),) + tuple(row[1:]) for row in rows)
    return Reply(text=head, table=Table((_("What"), _("Ref"), _("Name"), _("Detail")), shown),
                 actions=opens + more_actions(call, page, len(hits), total))


def _open(row: tuple[str, ...]) -> str | None:
    kind, ref, name = row[0], row[1], row[2]
    return {"deal": f"deal show {ref}", "account": f'account show "{name}"',
            "contact": f'contact show "{name}"'}.get(kind)


def _row(call: Call, hit) -> tuple[str, ...] | None:
    """What a user reads for one hit; a row gone since it was indexed is skipped."""
    return _ROWS[hit.kind](call, hit.ref_id)


def _deal(call: Call, ref_id: int):
    deal = call.ws.deals.by_id(ref_id)
    if deal is None or not may_read(call, {deal.owner_id}, DEALS):  # visibility: only deals one may read
        return None
    return ("deal", f"#{deal.number}", deal.name, f"{deal_money(deal)}, {deal.stage}")


def _account(call: Call, ref_id: int):
    account = call.ws.accounts.get(ref_id)
    return ("account", "", account.name, account.industry or "") if account else None


def _contact(call: Call, ref_id: int):
    contact = call.ws.contacts.get(ref_id)
    if contact is None:
        return None
    account = call.ws.accounts.get(contact.account_id)
    return ("contact", "", contact.name, ", ".join(x for x in (contact.title, account.name) if x))


def _activity(call: Call, ref_id: int):
    activity = call.ws.activities.get(ref_id)
    if activity is None or not may_read(call, {activity.person_id}, DEALS):
        return None
    deal = call.ws.deals.by_id(activity.deal_id) if activity.deal_id else None
    notes = " ".join(activity.notes.split())
    where = _(" on #{number}").format(number=deal.number) if deal else ""
    return ("activity", str(activity.id), f"{say.kind_name(activity.kind)}{where}", notes[:80])


_ROWS = {"deal": _deal, "account": _account, "contact": _contact, "activity": _activity}
# What a hit is, as the What column names it (the rows keep the English kind: it picks the Open command).
_KINDS = {"deal": lambda: pgettext("hit", "deal"), "account": lambda: pgettext("hit", "account"),
          "contact": lambda: pgettext("hit", "contact"), "activity": lambda: pgettext("hit", "activity")}
