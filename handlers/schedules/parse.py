"""Reading schedule words: `daily|weekdays|weekly <day>|monthly <n>`, `HH:MM`, `here|dm|team`."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from handlers.errors import UserError
from handlers.parsing.tokens import Token
from handlers.parsing.values import parse_choice, parse_time_of_day
from handlers.schedules.rules import WEEKDAYS


@dataclass(frozen=True)
class RuleWords:
    """What the words said: the rule kind, its day, the time (None when not given) and a target word."""

    kind: str | None = None
    day: int | None = None
    at: time | None = None
    target: str | None = None


def read_schedule_words(tokens: list[Token], kinds: tuple[str, ...], targets: tuple[str, ...],
                        usage: str) -> RuleWords:
    """Read rule words, a time and a target in any order; anything else is named as unexpected."""
    kind = day = at = target = None
    index = 0
    while index < len(tokens):
        word = tokens[index].text.casefold()
        if word in kinds:
            kind, index = word, index + 1
            if word in ("weekly", "monthly"):
                day = _rule_day(word, tokens[index].text if index < len(tokens) else "", usage)
                index += 1
        elif word in targets:
            target, index = word, index + 1
        elif word[:1].isdigit():
            at, index = parse_time_of_day(tokens[index].text), index + 1
        else:
            raise UserError(f"'{tokens[index].text}' was not expected here", usage)
    return RuleWords(kind, day, at, target)


def _rule_day(kind: str, text: str, usage: str) -> int:
    if kind == "weekly":
        if not text:
            raise UserError("say which day, like `weekly mon`", usage)
        return WEEKDAYS.index(_weekday(text))
    if not text.isdigit() or not 1 <= int(text) <= 31:
        raise UserError(f"'{text}' is not a day of the month (1-31) — like `monthly 1`", usage)
    return int(text)


_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday(text: str) -> str:
    """`mon`, `monday`, `Mon`: a weekday; anything else is named as typed ('funday', not 'fun')."""
    word = text.casefold()
    for day, name in zip(WEEKDAYS, _DAY_NAMES):
        if word == day or word == "weds" and day == "wed" or (len(word) >= 3 and name.startswith(word)):
            return day
    return parse_choice(text, WEEKDAYS, "weekday")


def parse_hhmm(text: str) -> str:
    return parse_time_of_day(text).strftime("%H:%M")


def parse_id(token: Token, what: str, usage: str) -> int:
    """`7` or `#7`."""
    text = token.text.lstrip("#")
    if not text.isdigit():
        raise UserError(f"'{token.text}' is not {what} number — `list` shows them", usage)
    return int(text)
