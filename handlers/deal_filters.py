"""What `deal list` shows: the scope, the bin, and the filters stage=, owner=, account=, partner=, close<=,
amount>= (each named in the reply, so a filtered list never passes for the whole one)."""
from __future__ import annotations

from dataclasses import dataclass, replace

from handlers.i18n import _
from handlers.i18n.dates import format_day
from handlers.call import Call
from handlers.errors import UserError
from handlers.lookup import find_account, find_person, find_stage
from handlers.parsing.filters import Comparison, looks_like_comparison, parse_comparison
from handlers.parsing.money import format_money
from handlers.parsing.tokens import Token
from handlers.parsing.values import parse_amount, parse_date
from handlers.records import DealFilter
from handlers.scope import Scope, resolve_scope

LIST_OPTIONS = ("stage", "owner", "account", "partner", "page")


@dataclass(frozen=True)
class Listing:
    """A parsed `deal list`: whose deals, which ones, and the filters in words."""

    scope: Scope
    wanted: DealFilter
    deleted: bool
    described: tuple[str, ...]


def read_listing(call: Call) -> Listing:
    call.reject_unknown_options(LIST_OPTIONS)
    scope_token, deleted, comparisons = _positional(call)
    scope = _owner_scope(call) or resolve_scope(call, scope_token)
    wanted, described = DealFilter(owner_ids=scope.owner_ids), []
    if call.option("stage"):
        wanted = replace(wanted, stage=find_stage(call, call.option("stage")).name)
    for key, apply in (("account", _account), ("partner", _partner)):
        if call.option(key):
            wanted, word = apply(call, wanted, call.option(key))
            described.append(f"{key}={word}")
    for comparison in comparisons:
        wanted, word = _compare(call, wanted, comparison)
        described.append(word)
    return Listing(scope, wanted, deleted, tuple(described))


def _positional(call: Call) -> tuple[Token | None, bool, list[Comparison]]:
    scope_token, deleted, comparisons = None, False, []
    for token in call.args:
        if token.text.casefold() == "deleted" and not token.quoted and not deleted:
            deleted = True
        elif looks_like_comparison(token.text):
            comparisons.append(parse_comparison(token.text))
        elif scope_token is None:
            scope_token = token
        else:
            raise UserError(_("'{token}' was not expected here").format(token=token.text), call.usage)
    return scope_token, deleted, comparisons


def _owner_scope(call: Call) -> Scope | None:
    typed = call.options.get("owner")
    if typed is None:
        return None
    person = find_person(call, typed)
    return Scope(person.display_name, frozenset({person.id}), person_id=person.id)


def _account(call: Call, wanted: DealFilter, text: str) -> tuple[DealFilter, str]:
    account = find_account(call, text)
    return replace(wanted, account_id=account.id), account.name


def _partner(call: Call, wanted: DealFilter, text: str) -> tuple[DealFilter, str]:
    partner = call.ws.partners.by_name(text)
    matches = [partner] if partner else call.ws.partners.by_prefix(text)
    if len(matches) != 1:
        known = ", ".join(p.name for p in matches[:6]) if matches else _("none match")
        raise UserError(_("'{text}' is not one partner — {known}").format(text=text, known=known), call.usage)
    return replace(wanted, partner_id=matches[0].id), matches[0].name


def _compare(call: Call, wanted: DealFilter, comparison: Comparison) -> tuple[DealFilter, str]:
    at_least = comparison.op == ">="
    if comparison.field == "close":
        day = parse_date(comparison.value, call.today)
        changed = replace(wanted, close_from=day) if at_least else replace(wanted, close_to=day)
        return changed, f"close{comparison.op}{format_day(day)}"
    money = parse_amount(comparison.value, call.workspace.currency)
    if wanted.currency not in (None, money.currency):
        raise UserError(_("'{value}' is in {currency} and another bound in {other} — compare in one currency").format(
            value=comparison.value, currency=money.currency, other=wanted.currency), call.usage)
    bound = {"amount_min" if at_least else "amount_max": money.minor}
    return replace(wanted, currency=money.currency, **bound), f"amount{comparison.op}{format_money(money)}"
