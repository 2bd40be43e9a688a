"""Comparisons in listings: `close<=2026-12-31`, `amount>=10k` (words the tokenizer leaves whole)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.errors import UserError
from handlers.parsing.tokens import show_token

COMPARABLE = ("close", "amount")
FILTER_HINT = "try close<=2026-12-31 or amount>=10k"
NOT_FILTER = "{token} is not a filter — " + FILTER_HINT
NOT_FIELD = "{token} can't be compared — only close and amount take <= and >="
NO_VALUE = "{token} has nothing after {op} — " + FILTER_HINT
_OPERATORS = ("<=", ">=", "=<", "=>", "<", ">")
_COMPARISON = re.compile(r"([A-Za-z][A-Za-z_]*)\s*(<=|>=)\s*(.*)", re.DOTALL)


@dataclass(frozen=True)
class Comparison:
    """`field op value`: op is `<=` (at most) or `>=` (at least); value is the text after it."""

    field: str
    op: str
    value: str


def looks_like_comparison(text: str) -> bool:
    return any(op in text for op in _OPERATORS)


def parse_comparison(text: str) -> Comparison:
    """Read `close<=fri` or `amount >= 10k`; only close and amount, only <= and >=."""
    typed = text.strip()
    match = _COMPARISON.fullmatch(typed)
    if match is None:
        raise UserError(NOT_FILTER.format(token=show_token(typed)))
    field, op, value = match[1].casefold(), match[2], match[3].strip()
    if field not in COMPARABLE:
        raise UserError(NOT_FIELD.format(token=show_token(typed)))
    if not value:
        raise UserError(NO_VALUE.format(token=show_token(typed), op=op))
    return Comparison(field, op, value)
