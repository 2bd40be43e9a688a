"""`deal update`: change a deal's amount, close date, name, account or partner."""
from __future__ import annotations

from handlers.call import Call
from handlers.deal_card import deal_reply
from handlers.deal_inputs import parse_fields
from handlers.errors import UserError
from handlers.lookup import find_deal
from handlers.parsing.money import format_money
from handlers.permissions import require_deal_access
from handlers.reply import Reply

UPDATE_OPTIONS = ("amount", "close", "name", "account", "partner")


def update_deal(call: Call) -> Reply:
    """`deal update <ref> [amount=] [close=] [name=] [account=] [partner=]`."""
    call.reject_unknown_options(UPDATE_OPTIONS)
    deal = find_deal(call, call.arg(0, "the deal (#12 or a name)"))
    call.reject_extra_args(1)
    if not call.options:
        raise UserError("say what to change, e.g. amount=15k or close=+30d", call.usage)
    require_deal_access(call, deal)
    _refuse_empty(call)
    values, errors = parse_fields(call, {key: token.text for key, token in call.options.items()})
    if errors:
        raise UserError(next(iter(errors.values())), call.usage)
    changes = _apply(call, deal, values)
    call.ws.audit.record(call.me.id, "deal.update", "deal", deal.id, call.now, number=deal.number, **changes)
    listed = ", ".join(f"{key} → {value}" for key, value in changes.items())
    return deal_reply(call, deal, f"#{deal.number} updated: {listed}.")


def _refuse_empty(call: Call) -> None:
    """`name=""` is a mistake, not "no change": the whole update is refused."""
    for key, token in call.options.items():
        if not token.text.strip():
            what = {"name": "the name", "account": "the account name", "partner": "the partner name"}.get(key, key)
            raise UserError(f"{what} is empty — give a value after {key}=", call.usage)


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
        changes["close"] = values["close"].isoformat()
    if "name" in values:
        call.ws.deals.rename(deal, values["name"])
        changes["name"] = values["name"]
    if "account" in values:
        deal.account_id = call.ws.accounts.ensure(values["account"]).id
        changes["account"] = values["account"]
    if "partner" in values:
        deal.partner_id = call.ws.partners.ensure(values["partner"]).id
        changes["partner"] = values["partner"]
    deal.updated_at = call.now
    return changes
