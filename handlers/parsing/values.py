"""Parse the values inside commands (amounts, dates, times, durations, deals, people, choices)."""
from __future__ import annotations

import calendar
import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal, localcontext

from handlers.errors import UserError
from handlers.i18n import L_, active_locale
from handlers.parsing.money import (
    SYMBOL_CURRENCIES, Money, currency_exponent, currency_of_symbol, is_currency, looks_like_currency, number_symbols,
)
from handlers.parsing.local_dates import chinese_date
from handlers.parsing.tokens import show_token as _shown

# Wording of every parse error, kept together so it can be reviewed and translated in one place.
AMOUNT_HINT = L_("try 12000, 12k or 1.5m")
NOT_AMOUNT = L_("{token} is not an amount — try 12000, 12k or 1.5m")
BAD_COMMAS = L_("{token} is not an amount — put commas only between groups of three digits, like 1,200,000")
NEGATIVE = L_("{token} is not an amount — amounts can't be negative")
ZERO = L_("{token} is not an amount — it has to be more than zero")
TOO_LARGE = L_("{token} is too large — amounts go up to 1,000,000,000,000")
TOO_PRECISE = L_("{token} has too many decimals — {currency} has {places}")
UNKNOWN_CURRENCY = L_("{token} is not a currency I know — try USD, EUR or GBP")
AMBIGUOUS = L_("{token} is ambiguous — did you mean {thousands} or {units}? Write {plain} or {units}")
TWO_CURRENCIES = L_("{token} names two currencies — give just one")
DATE_HINT = L_("try 2026-12-15, tomorrow, fri or +30d")
NOT_DATE = L_("{token} is not a date — try 2026-12-15, tomorrow, fri or +30d")
NO_SUCH_MONTH = L_("{token} is not a date — there is no month {month}")
NO_SUCH_DAY = L_("{token} is not a date — {month} has {days} days")
TOO_FAR = L_("{token} is too far away — keep dates within 10 years")
OFF_CALENDAR = L_("{token} is off the calendar — try 2026-12-15, tomorrow, fri or +30d")
NOT_TIME = L_("{token} is not a time — try 09:00, 17:30, 9am or 5:30pm")
NOT_DURATION = L_("{token} is not a duration — try 30m, 2h, 1d, 1w or 1h30m")
NEEDS_UNIT = L_("{token} needs a unit — try {number}m, {number}h or {number}d")
ZERO_DURATION = L_("{token} is not a duration — it has to be longer than zero")
TOO_LONG = L_("{token} is too long — durations go up to a year")
NOT_DEAL_NUMBER = L_("{token} is not a deal number — deal numbers look like #12")
BARE_NUMBER = L_("{token} could be an amount — write #{number} for deal {number}, or part of the deal's name")
NOT_PERSON = L_("{token} is not a person — mention them like {example}")
NOT_PERCENT = L_("{token} is not a percentage — use a whole number from 0 to 100, like 25 or 25%")
NOT_CHOICE = L_("{token} is not {article} {what} — {plural}: {choices}")
DID_YOU_MEAN = L_("; did you mean {guess}?")
MISSING = L_("{article} {what} is missing — {hint}")
MISSING_AMOUNT = L_("An amount is missing — try 12000, 12k or 1.5m")
MISSING_DATE = L_("A date is missing — try 2026-12-15, tomorrow, fri or +30d")

MAX_MAJOR = Decimal(10**12)
_MAX_AMOUNT_CHARS = 40  # keeps every Decimal below exact so scaling never rounds
_SCALES = {"": 1, "k": 10**3, "m": 10**6, "千": 10**3, "万": 10**4, "亿": 10**8}
_SYMBOL = "|".join(re.escape(s) for s in sorted(SYMBOL_CURRENCIES, key=len, reverse=True))
_AMOUNT = re.compile(
    rf"(?P<minus>-?)\s*(?P<pre>{_SYMBOL}|[A-Za-z]{{3}}(?=[\s0-9.-]))?\s*(?P<minus2>-?)"
    r"(?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
    rf"(?P<scale>[kKmM千万亿]?)\s*(?P<post>{_SYMBOL}|[A-Za-z]{{3}})?"
)
_GROUPED_BY_DOT = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")
_WEEKDAYS = {name: day for day, names in enumerate(
    ("mon monday", "tue tues tuesday", "wed weds wednesday", "thu thur thurs thursday",
     "fri friday", "sat saturday", "sun sunday")) for name in names.split()}
_RELATIVE_DAYS = {"today": 0, "tomorrow": 1, "tmrw": 1, "yesterday": -1}
_MONTH_NAMES = ("January February March April May June July August September October November December"
                .split())
# English names are spelled out rather than taken from `calendar`, whose names follow the locale.
_MONTH_KEYS = {name.lower(): month for month, name in enumerate(_MONTH_NAMES, 1)} | {
    name[:3].lower(): month for month, name in enumerate(_MONTH_NAMES, 1)} | {"sept": 9}
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_OFFSET = re.compile(r"\+([0-9]{1,6})([dwmy])")
_MONTH_DAY = re.compile(r"([a-z]+) ([0-9]{1,2})(?:st|nd|rd|th)?|([0-9]{1,2})(?:st|nd|rd|th)? ([a-z]+)")
_CLOCK = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_TWELVE_HOUR = re.compile(r"([0-9]{1,2})(?::([0-9]{2}))?\s*([ap])\.?m\.?")
_DURATION = re.compile(r"(?:[0-9]{1,6}[wdhm])+")
_DURATION_PART = re.compile(r"([0-9]{1,6})([wdhm])")
_UNIT_MINUTES = {"w": 7 * 24 * 60, "d": 24 * 60, "h": 60, "m": 1}
_MAX_DURATION_MINUTES = 366 * 24 * 60
_DEAL_NUMBER = re.compile(r"#([0-9]{1,9})")
_MENTION = re.compile(r"@([\w.-]+)")
_PERCENT = re.compile(r"([0-9]{1,3})\s*%?")


@dataclass(frozen=True)
class DealRef:
    """How a user pointed at a deal: by `number` (#12) or by the start of its name (`prefix`)."""

    number: int | None = None
    prefix: str | None = None


def parse_amount(text: str, default_currency: str, locale: str | None = None) -> Money:
    """Read 12000, 12k, 1.5m, 1,200,000, $12,000, €12k, 12000 EUR or EUR 12000 as Money; in the locale's
    own marks too (12.000,50 in de, 12 000,50 in fr), with 万/千/亿, full-width digits and ¥/元/RMB."""
    locale = locale or active_locale()
    # NFKC: full-width digits and ￥ become 0-9 and ¥, and every kind of space an ordinary one.
    typed = unicodedata.normalize("NFKC", text).strip()
    if not typed:
        raise UserError(str(MISSING_AMOUNT))
    token = _shown(text.strip())
    typed = _in_english_marks(typed, token, locale) if len(typed) <= _MAX_AMOUNT_CHARS else typed
    match = _AMOUNT.fullmatch(typed) if len(typed) <= _MAX_AMOUNT_CHARS else None
    if match is None:
        raise UserError((BAD_COMMAS if "," in typed else NOT_AMOUNT).format(token=token))
    if match["minus"] or match["minus2"]:
        raise UserError(NEGATIVE.format(token=token))
    currency = _amount_currency(match, token, default_currency.upper(), locale)
    _refuse_ambiguous(match, token, currency)
    return Money(_minor_units(match, token, currency), currency)


def _refuse_ambiguous(match: re.Match[str], token: str, currency: str) -> None:
    """12.000 is twelve thousand where `.` groups digits and twelve where it is the decimal point: ask."""
    number = match["number"]
    if match["scale"] or currency_exponent(currency) >= 3 or not _GROUPED_BY_DOT.fullmatch(number):
        return
    whole, fraction = number.split(".")
    if len(fraction.rstrip("0")) > currency_exponent(currency):
        return  # 1.001 cannot be dollars and cents: the precision error says so
    units = whole + ("." + fraction.rstrip("0") if fraction.rstrip("0") else "")
    raise UserError(AMBIGUOUS.format(token=token, thousands=f"{int(whole + fraction):,}", units=units,
                                     plain=whole + fraction))


def parse_amount_tokens(tokens: list[str], default_currency: str) -> tuple[Money, int]:
    """Read an amount that may span tokens (12000 EUR, EUR 12000, 12 000,50 in fr); returns it and tokens used."""
    if not tokens:
        raise UserError(str(MISSING_AMOUNT))
    grouped = _space_groups(tokens)
    tokens = [" ".join(tokens[:grouped])] + tokens[grouped:]
    if len(tokens) > 1 and (looks_like_currency(tokens[0]) or looks_like_currency(tokens[1])):
        return parse_amount(f"{tokens[0]} {tokens[1]}", default_currency), grouped + 1
    return parse_amount(tokens[0], default_currency), grouped


_GROUP_OF_THREE = re.compile(r"[0-9０-９]{3}(?:,[0-9]+)?(?:[kKmM千万亿]?)")


def _space_groups(tokens: list[str]) -> int:
    """How many tokens one number spans where the locale groups digits with spaces (fr: `12 000,50`)."""
    if not number_symbols(active_locale())[1].isspace() or not re.fullmatch(r"[0-9]{1,3}", tokens[0]):
        return 1
    used = 1
    while used < len(tokens) and _GROUP_OF_THREE.fullmatch(tokens[used]) and "," not in tokens[used - 1]:
        used += 1
    return used


_NUMBER_RUN = re.compile(r"[0-9][0-9., '’]*[0-9]")


def _in_english_marks(typed: str, token: str, locale: str) -> str:
    """The amount with `.` as its decimal mark and no group marks, where the locale writes them otherwise."""
    decimal, group = number_symbols(locale)
    if decimal != ",":
        return typed  # en, zh, ja...: the marks the pattern reads (and its rule for 12.000)
    group = " " if unicodedata.normalize("NFKC", group).isspace() else group
    run = _NUMBER_RUN.search(typed)
    return typed if run is None else typed[:run.start()] + _comma_decimal(run[0], token, group, typed[run.end():]) \
        + typed[run.end():]


def _comma_decimal(number: str, token: str, group: str, rest: str) -> str:
    """12.000,50 -> 12000.50 (de), 12 000,50 -> 12000.50 (fr); 12,000 is twelve or twelve thousand: ask."""
    number = number.strip()
    grouped = re.fullmatch(rf"[0-9]{{1,3}}(?:{re.escape(group)}[0-9]{{3}})+(?:,[0-9]+)?", number)
    if grouped:
        return number.replace(group, "").replace(",", ".")
    if re.fullmatch(r"[0-9]+,[0-9]+", number):
        whole, fraction = number.split(",")
        if re.fullmatch(r"[1-9][0-9]{0,2}", whole) and len(fraction) == 3 and not rest[:1].strip():
            units = whole + ("," + fraction.rstrip("0") if fraction.rstrip("0") else "")
            raise UserError(AMBIGUOUS.format(token=token, thousands=f"{whole}{group}{fraction}",
                                             units=units, plain=whole + fraction))
        return number.replace(",", ".")
    return number


def _amount_currency(match: re.Match[str], token: str, default: str, locale: str) -> str:
    codes = {_currency_code(match[group], token, locale) for group in ("pre", "post") if match[group]}
    if len(codes) > 1:
        raise UserError(TWO_CURRENCIES.format(token=token))
    return codes.pop() if codes else default


def _currency_code(word: str, token: str, locale: str) -> str:
    """Resolve a symbol or code; lower-case unknown letters are a typo in the amount, not a currency."""
    if word in SYMBOL_CURRENCIES:
        return currency_of_symbol(word, locale) or SYMBOL_CURRENCIES[word]
    if is_currency(word):
        return word.upper()
    if word.isupper():
        raise UserError(UNKNOWN_CURRENCY.format(token=_shown(word)))
    raise UserError(NOT_AMOUNT.format(token=token))


def _minor_units(match: re.Match[str], token: str, currency: str) -> int:
    exponent = currency_exponent(currency)
    with localcontext(prec=80):
        major = Decimal(match["number"].replace(",", "")) * _SCALES[match["scale"].lower()]
        if major > MAX_MAJOR:
            raise UserError(TOO_LARGE.format(token=token))
        minor = major.scaleb(exponent)
    if minor != minor.to_integral_value():
        places = f"{exponent} decimal places" if exponent else "no decimals"
        raise UserError(TOO_PRECISE.format(token=token, currency=currency, places=places))
    if minor == 0:
        raise UserError(ZERO.format(token=token))
    return int(minor)


def parse_date(text: str, today: date) -> date:
    """Read 2026-12-15, today, tomorrow, +30d, +2w, +3m, fri or dec 15, relative to `today`."""
    word = " ".join(text.split()).lower()
    token = _shown(" ".join(text.split()))
    if not word:
        raise UserError(str(MISSING_DATE))
    try:
        found = _date_from_word(word, today, token)
    except OverflowError:
        raise UserError(OFF_CALENDAR.format(token=token)) from None
    if found is None:
        raise UserError(NOT_DATE.format(token=token))
    return found


def _date_from_word(word: str, today: date, token: str) -> date | None:
    local = chinese_date(word, today)
    if isinstance(local, date):
        return local
    word = local or word
    if word in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[word])
    if word in _WEEKDAYS:
        return today + timedelta(days=(_WEEKDAYS[word] - today.weekday() - 1) % 7 + 1)
    if match := _ISO_DATE.fullmatch(word):
        return _calendar_date(token, *(int(part) for part in match.groups()))
    if match := _OFFSET.fullmatch(word):
        return _offset_date(token, today, int(match[1]), match[2])
    if match := _MONTH_DAY.fullmatch(word):
        return _next_month_day(token, today, match)
    return None


def _calendar_date(token: str, year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise UserError(NO_SUCH_MONTH.format(token=token, month=month))
    if year < 1:
        raise UserError(OFF_CALENDAR.format(token=token))
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = f"{_MONTH_NAMES[month - 1]} {year}"
        raise UserError(NO_SUCH_DAY.format(token=token, month=name, days=days))
    return date(year, month, day)


def _offset_date(token: str, today: date, count: int, unit: str) -> date:
    """+Nd/+Nw add days, +Nm/+Ny add calendar months (clamped to the month's last day)."""
    if count > 3660 or (unit == "y" and count > 10) or (unit == "m" and count > 120):
        raise UserError(TOO_FAR.format(token=token))
    if unit in "dw":
        found = today + timedelta(days=count * (7 if unit == "w" else 1))
    else:
        found = _add_months(today, count * (12 if unit == "y" else 1))
    if found > _ten_years_from(today):
        raise UserError(TOO_FAR.format(token=token))
    return found


def _add_months(day: date, months: int) -> date:
    years, month_index = divmod(day.month - 1 + months, 12)
    year = day.year + years
    if year > date.max.year:
        raise OverflowError(year)
    last = calendar.monthrange(year, month_index + 1)[1]
    return date(year, month_index + 1, min(day.day, last))


def _ten_years_from(today: date) -> date:
    try:
        return _add_months(today, 120)
    except OverflowError:
        return date.max


def _next_month_day(token: str, today: date, match: re.Match[str]) -> date | None:
    """dec 15 / 15 dec: the next such day on or after today (Feb 29 waits for a leap year)."""
    name, number = (match[1], match[2]) if match[1] else (match[4], match[3])
    month, day = _MONTH_KEYS.get(name), int(number)
    if month is None:
        return None
    days = calendar.monthrange(2000, month)[1]  # 2000 is a leap year: the most days a month can have
    if not 1 <= day <= days:
        raise UserError(NO_SUCH_DAY.format(token=token, month=_MONTH_NAMES[month - 1], days=days))
    for year in range(today.year, min(today.year + 9, date.max.year + 1)):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= today:
            return date(year, month, day)
    raise OverflowError(token)


def parse_time_of_day(text: str) -> time:
    """Read 09:00, 9:00, 17:30, 9am, 5pm or 5:30pm as a time."""
    word = "".join(text.split()).lower()
    hour, minute = _clock_parts(word)
    if hour is None or not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise UserError(NOT_TIME.format(token=_shown(text.strip())))
    return time(hour, minute)


def _clock_parts(word: str) -> tuple[int | None, int]:
    if match := _CLOCK.fullmatch(word):
        return int(match[1]), int(match[2])
    match = _TWELVE_HOUR.fullmatch(word)
    if match is None or not 1 <= int(match[1]) <= 12:
        return None, 0
    afternoon = 12 if match[3] == "p" else 0
    return int(match[1]) % 12 + afternoon, int(match[2] or 0)


def parse_duration(text: str) -> timedelta:
    """Read 30m, 2h, 1d, 1w, 90m or 1h30m (units largest first) as a timedelta."""
    word, token = "".join(text.split()).lower(), _shown(text.strip())
    if re.fullmatch(r"[0-9]{1,6}", word):
        raise UserError(NEEDS_UNIT.format(token=token, number=int(word)))
    parts = _DURATION_PART.findall(word) if _DURATION.fullmatch(word) else []
    units = [unit for _, unit in parts]
    if not parts or units != sorted(set(units), key="wdhm".index):
        raise UserError(NOT_DURATION.format(token=token))
    minutes = sum(int(count) * _UNIT_MINUTES[unit] for count, unit in parts)
    if not 0 < minutes <= _MAX_DURATION_MINUTES:
        raise UserError((TOO_LONG if minutes else ZERO_DURATION).format(token=token))
    return timedelta(minutes=minutes)


def parse_deal_ref(text: str) -> DealRef:
    """#12 is deal number 12; other text is the start of a deal's name. A bare 12 is refused."""
    word = text.strip()
    if not word:
        raise UserError(MISSING.format(article="A", what="deal", hint="write #12 or part of its name"))
    if word.startswith("#"):
        match = _DEAL_NUMBER.fullmatch(word)
        if match is None or int(match[1]) == 0:
            raise UserError(NOT_DEAL_NUMBER.format(token=_shown(word)))
        return DealRef(number=int(match[1]))
    if word.isdecimal():
        raise UserError(BARE_NUMBER.format(token=_shown(word), number=word))
    return DealRef(prefix=word.lower())


def parse_person(text: str) -> str:
    """Read a mention like @ana (or a platform id like @U012ABC) as a lower-case handle."""
    word = text.strip()
    if match := _MENTION.fullmatch(word):
        return match[1].lower()
    if not word:
        raise UserError(MISSING.format(article="A", what="person", hint="mention them like @ana"))
    handle = word.lstrip("@")
    example = f"@{handle}" if re.fullmatch(r"[\w.-]+", handle) else "@ana"
    raise UserError(NOT_PERSON.format(token=_shown(word), example=example))


def parse_percent(text: str) -> int:
    """Read 25 or 25% as a whole percentage from 0 to 100."""
    match = _PERCENT.fullmatch(text.strip())
    if match is None or int(match[1]) > 100:
        raise UserError(NOT_PERCENT.format(token=_shown(text.strip())))
    return int(match[1])


def parse_choice(text: str, choices: Sequence[str], what: str) -> str:
    """Match `text` to one of `choices` ignoring case; otherwise list them and suggest the closest."""
    word = text.strip().lower()
    by_key = {choice.lower(): choice for choice in choices}
    if word in by_key:
        return by_key[word]
    message = NOT_CHOICE.format(
        token=_shown(text.strip()), article=_article(what), what=what,
        plural=_plural(what), choices=", ".join(choices) or "none yet",
    )
    guess = difflib.get_close_matches(word, list(by_key), n=1)
    raise UserError(message + (DID_YOU_MEAN.format(guess=by_key[guess[0]]) if guess else ""))


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")
