"""Option values that run on into the next word: `close=dec 15` and `due=fri 15:00` read as one value."""
from __future__ import annotations

import re
from datetime import date

from handlers.errors import UserError
from handlers.parsing.tokens import Token
from handlers.parsing.values import parse_date, parse_time_of_day

_DAY = re.compile(r"[0-9]{1,2}(?:st|nd|rd|th)?", re.IGNORECASE)
_MONTH_WORD = re.compile(r"[A-Za-z]{3,9}")
_ANY_DAY = date(2026, 1, 1)  # only whether a value reads as a date matters here, not which one


def join_value_tails(tokens: list[Token]) -> list[Token]:
    """Merge a bare word into the option before it when together they are one date or date and time."""
    joined: list[Token] = []
    for token in tokens:
        previous = joined[-1] if joined else None
        if previous is not None and _continues(previous, token):
            joined[-1] = Token(f"{previous.text} {token.text}", previous.quoted, previous.key)
        else:
            joined.append(token)
    return joined


def _continues(option: Token, word: Token) -> bool:
    if option.key is None or option.quoted or word.key is not None or word.quoted or not option.text:
        return False
    if _MONTH_WORD.fullmatch(option.text) and _DAY.fullmatch(word.text):
        return _is_date(f"{option.text} {word.text}")
    return ":" not in option.text and _is_time(word.text) and _is_date(option.text)


def _is_date(text: str) -> bool:
    try:
        parse_date(text, _ANY_DAY)
    except UserError:
        return False
    return True


def _is_time(text: str) -> bool:
    if not re.fullmatch(r"[0-9]{1,2}:[0-9]{2}", text):
        return False
    try:
        parse_time_of_day(text)
    except UserError:
        return False
    return True
