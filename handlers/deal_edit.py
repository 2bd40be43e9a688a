"""`deal update`: change a deal's amount, close date, name, account, partner, contact or owner."""
from __future__ import annotations

from handlers.i18n import _, pgettext
from handlers.i18n.dates import format_day
from handlers import crm_wording as say
from handlers.call import Call
from handlers.deal_card import deal_reply
from handlers.deal_inputs import parse_fields
from handlers.errors import PermissionDenied, UserError
from handlers.lookup import find_deal
from handlers.parsing.money import format_money
from handlers.permissions import may_hand_over, require_deal_access
from handlers.reply import Reply

UPDATE_OPTIONS = ("amount", "close", "name", "account", "partner", "contact", "owner")
# The columns an update may change: their values before and after go in the audit trail, for `undo`.
COLUMNS = ("amount_minor", "currency", "expected_close", "close_pushes", "name", "account_id", "partner_id",
           "contact_id", "owner_id")


def update_deal(call: Call) -> Reply:
    """`deal update <ref> [amount=] [close=] [name=] [account=] [partner=] [contact=] [owner=@person]`."""
    call.reject_unknown_options(UPDATE_OPTIONS)
    deal = find_deal(call, call.arg(0, _("the deal (#12 or a name)")))
    call.reject_extra_args(1)
    if not call.options:
        raise UserError(_("say what to change, e.g. amount=15k or close=+30d"), call.usage)
    require_deal_access(call, deal)
    _refuse_empty(call)
    values, errors = parse_fields(call, {key: token.text for key, token in call.options.items()})
    if errors:
        raise UserError(next(iter(errors.values())), call.usage)
    new_owner = values.get("owner")
    if new_owner is not None:
        check_owner_change(call, deal, new_owner)
    check_contact(call, deal, values)
    before = snapshot(deal)
    changes = _apply(call, deal, values)
    entry = call.ws.audit.record(call.me.id, "deal.update", "deal", deal.id, call.now, number=deal.number,
                                 **changes, **changed_columns(before, snapshot(deal)))
    if new_owner is not None and new_owner.id != call.me.id:
        call.ws.schedules.post_later(new_owner.id, "handover", entry.id, call.now)
    listed = ", ".join(f"{pgettext('option', key)} → {value}" for key, value in changes.items())
    return deal_reply(call, deal, _("#{number} updated: {changes}.").format(number=deal.number, changes=listed))


def _refuse_empty(call: Call) -> None:
    """`name=""` is a mistake, not "no change": the whole update is refused."""
    for key, token in call.options.items():
        if not token.text.strip():
            what = {"name": _("the name"), "account": _("the account name"),
                    "partner": _("the partner name")}.get(key, key)
            raise UserError(_("{what} is empty — give a value after {key}=").format(what=what, key=key), call.usage)
def snapshot(deal) -> dict:
    """The changeable columns as JSON-friendly values."""
    return {column: _plain(getattr(deal, column)) for column in COLUMNS}


def changed_columns(before: dict, after: dict) -> dict:
    """`before`/`after` of the columns that changed: what `undo` checks and puts back."""
    keys = [key for key in COLUMNS if before[key] != after[key]]
    return {"before": {k: before[k] for k in keys}, "after": {k: after[k] for k in keys}}


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def check_owner_change(call: Call, deal, person) -> None:
    """Only open deals change hands (won and lost stay with whoever closed them), by a manager of both."""
    old = call.ws.people.get(deal.owner_id)
    if deal.status != "open":
        raise UserError(say.OWNER_CLOSED.format(number=deal.number, status=deal.status), call.usage)
    if person.id == deal.owner_id:
        raise UserError(say.SAME_OWNER.format(name=person.display_name, number=deal.number), call.usage)
    if not may_hand_over(call, deal.owner_id, person.id):
        raise PermissionDenied(say.OWNER_DENIED.format(old=old.display_name, new=person.display_name))


def check_contact(call: Call, deal, values: dict) -> None:
    """A deal's contact works at the deal's account (the new one, when the same update changes it)."""
    contact = values.get("contact")
    if contact is None:
        return
    account_name = values.get("account")
    account = call.ws.accounts.by_name(account_name) if account_name else call.ws.accounts.get(deal.account_id)
    if account_name and account is None:
        raise UserError(say.CONTACT_ELSEWHERE.format(contact=contact.name, account=account_name,
                                                     other=call.ws.accounts.get(contact.account_id).name))
    if account is not None and account.id != contact.account_id:
        raise UserError(say.CONTACT_ELSEWHERE.format(contact=contact.name, account=account.name,
                                                     other=call.ws.accounts.get(contact.account_id).name))


def _apply(call: Call, deal, values: dict) -> dict[str, str]:
    changes: dict[str, str] = {}
    if "amount" in values:
        deal.amount_minor, deal.currency = values["amount"].minor, values["amount"].currency
        changes["amount"] = format_money(values["amount"])
    if "close" in values:
        # A later close date than before is a push; repeated pushes flag the deal at risk.
        if deal.expected_close and values["close"] > deal.expected_close:
            deal.close_pushes += 1
        deal.expected_close = values["close"]
        changes["close"] = format_day(values["close"])
    if "name" in values:
        call.ws.deals.rename(deal, values["name"])
        changes["name"] = values["name"]
    if "account" in values:
        deal.account_id = call.ws.accounts.ensure(values["account"]).id
        changes["account"] = values["account"]
    if "partner" in values:
        deal.partner_id = call.ws.partners.ensure(values["partner"]).id
        changes["partner"] = values["partner"]
    if "contact" in values:
        deal.contact_id, deal.account_id = values["contact"].id, values["contact"].account_id
        changes["contact"] = values["contact"].name
    if "owner" in values:
        deal.owner_id = values["owner"].id
        changes["owner"] = values["owner"].display_name
    deal.updated_at = call.now
    return changes
