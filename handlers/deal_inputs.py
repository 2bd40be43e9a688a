"""Validation of deal fields, shared by `deal add`, `deal update` and the deal form."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Callable

from handlers.i18n import N_, _
from handlers.call import Call
from handlers.errors import UserError
from handlers.lookup import find_contact, find_person, find_stage
from handlers.parsing.tokens import Token
from handlers.parsing.money import Money
from handlers.parsing.values import parse_amount, parse_date

MAX_NAME = 200
# What `parse_name` callers name the text they read (`the account name is empty`), for the catalog.
NAMED = (N_("name"), N_("account name"), N_("partner name"), N_("contact's name"), N_("team name"), N_("title"))


def parse_name(text: str, what: str = "name") -> str:
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in text):
        raise UserError(_("the {what} has a control character in it — type it again without it").format(what=_(what)))
    name = " ".join(text.split())
    if not name:
        raise UserError(_("the {what} is empty — put it in quotes, like \"Acme renewal\"").format(what=_(what)))
    if len(name) > MAX_NAME:
        raise UserError(_("the {what} '{name}…' is longer than {limit} characters").format(
            what=_(what), name=name[:20], limit=MAX_NAME))
    return name


@dataclass(frozen=True)
class DealFieldParser:
    """How one deal field is read from text: the parser and the label used in messages."""

    label: str
    parse: Callable[[Call, str], object]


FIELD_PARSERS: dict[str, DealFieldParser] = {
    "name": DealFieldParser("Name", lambda call, text: parse_name(text)),
    "amount": DealFieldParser("Amount", lambda call, text: parse_amount(text, call.workspace.currency)),
    "stage": DealFieldParser("Stage", lambda call, text: find_stage(call, text)),
    "close": DealFieldParser("Close date", lambda call, text: parse_date(text, call.today)),
    "account": DealFieldParser("Account", lambda call, text: parse_name(text, "account name")),
    "partner": DealFieldParser("Partner", lambda call, text: parse_name(text, "partner name")),
    "contact": DealFieldParser("Contact", lambda call, text: find_contact(call, text)),
    "owner": DealFieldParser("Owner", lambda call, text: find_person(call, Token(text))),
}


def parse_fields(call: Call, raw: dict[str, str]) -> tuple[dict[str, object], dict[str, str]]:
    """Parse every non-empty field; returns the values and, separately, an error per bad field."""
    values: dict[str, object] = {}
    errors: dict[str, str] = {}
    for key, text in raw.items():
        if text is None or not text.strip():
            continue
        try:
            values[key] = FIELD_PARSERS[key].parse(call, text.strip())
        except UserError as error:
            errors[key] = error.message
    return values, errors


@dataclass(frozen=True)
class DealDraft:
    """A validated new deal, before it is written."""

    name: str
    money: Money
    stage: object
    close: date | None
    account: str | None
    partner: str | None
    contact: object = None
