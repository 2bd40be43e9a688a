"""Reading schedule words: `daily|weekdays|weekly <day>|monthly <n>`, `HH:MM`, `here|dm|team` (and the same
words in Chinese: `每天`, `工作日`, `周四`/`每周四`, `每月`, `这里`, `私信`, `团队`)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from handlers.errors import UserError
from handlers.i18n import _
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
    tokens = english_words(tokens)
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
            raise UserError(_("'{word}' was not expected here").format(word=tokens[index].text), usage)
    return RuleWords(kind, day, at, target)


# Chinese schedule words as people type them; the English words keep working in every language.
_CHINESE_WORDS = {"每天": "daily", "每日": "daily", "工作日": "weekdays", "每个工作日": "weekdays", "一次": "once",
                  "每周": "weekly", "每星期": "weekly", "每月": "monthly", "这里": "here", "本频道": "here",
                  "私信": "dm", "团队": "team"}
_CHINESE_DAYS = "一二三四五六日"
_WEEK_PREFIXES = ("每周", "每星期", "周", "星期", "礼拜")


def english_words(tokens: list[Token]) -> list[Token]:
    """The tokens with Chinese schedule words read as English: `周四` alone is `weekly thu`, after `每周` `thu`."""
    words: list[Token] = []
    for token in tokens:
        day = None if token.quoted else _chinese_weekday(token.text.strip())
        if day is not None:
            after_weekly = bool(words) and words[-1].text.casefold() == "weekly"
            words += [Token(day)] if after_weekly else [Token("weekly"), Token(day)]
        elif token.text.strip() in _CHINESE_WORDS and not token.quoted:
            words.append(Token(_CHINESE_WORDS[token.text.strip()]))
        else:
            words.append(token)
    return words


def _chinese_weekday(text: str) -> str | None:
    for prefix in _WEEK_PREFIXES:
        rest = text.removeprefix(prefix)
        if rest != text and len(rest) == 1 and (rest in _CHINESE_DAYS or rest == "天"):
            return WEEKDAYS[_CHINESE_DAYS.index(rest) if rest in _CHINESE_DAYS else 6]
    return None


def _rule_day(kind: str, text: str, usage: str) -> int:
    if kind == "weekly":
        if not text:
            raise UserError(_("say which day, like `weekly mon`"), usage)
        return WEEKDAYS.index(_weekday(text))
    if not text.isdigit() or not 1 <= int(text) <= 31:
        raise UserError(_("'{text}' is not a day of the month (1-31) — like `monthly 1`").format(text=text), usage)
    return int(text)


_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday(text: str) -> str:
    """`mon`, `monday`, `Mon`: a weekday; anything else is named as typed ('funday', not 'fun')."""
    word = text.casefold()
    for day, name in zip(WEEKDAYS, _DAY_NAMES):
        if word == day or word == "weds" and day == "wed" or (len(word) >= 3 and name.startswith(word)):
            return day
    return parse_choice(text, WEEKDAYS, _("weekday"))


def parse_hhmm(text: str) -> str:
    return parse_time_of_day(text).strftime("%H:%M")


def parse_id(token: Token, what: str, usage: str) -> int:
    """`7` or `#7`."""
    text = token.text.lstrip("#")
    if not text.isdigit():
        raise UserError(_("'{token}' is not {what} number — `list` shows them").format(token=token.text, what=what),
                        usage)
    return int(text)
