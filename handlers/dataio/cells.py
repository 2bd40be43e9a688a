"""Cells of an import file: amounts and dates as the file's locale writes them (1.234,56; 31/12/2026)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from handlers.parsing.money import SYMBOL_CURRENCIES, currency_exponent, is_currency

MAX_AMOUNT = Decimal(10**12)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?.*)?")
_CHINESE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?(?:\s*(\d{1,2})[:：](\d{2}))?")
_SLASHED = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?.*)?")
# --date-format in the way people write it, as strptime directives.
_FORMAT_WORDS = (("YYYY", "%Y"), ("MM", "%m"), ("DD", "%d"), ("HH", "%H"), ("mm", "%M"), ("ss", "%S"))
DATE_FORMATS = ("DD/MM/YYYY", "MM/DD/YYYY", "YYYY-MM-DD", "YYYY/MM/DD", "DD.MM.YYYY")


class CellError(ValueError):
    """A cell that is not what its column needs; the message is the reason shown for the row."""


def parse_amount(text: str, decimal_mark: str | None, currency: str) -> int:
    """`1.234,56`, `1,234.56`, `$12,000`, `12000 EUR` as minor units of `currency`."""
    raw = _SPACES.sub("", text.strip())
    for symbol in sorted(SYMBOL_CURRENCIES, key=len, reverse=True):
        raw = raw.replace(symbol, "")
    raw = re.sub(r"^[A-Za-z]{3}|[A-Za-z]{3}$", "", raw)
    if not raw or raw.startswith("-") or not re.fullmatch(r"[0-9.,]+", raw):
        raise CellError(f"bad amount '{text.strip()}'")
    number = _plain_number(raw, decimal_mark or _guess_mark(raw))
    try:
        value = Decimal(number)
    except InvalidOperation:
        raise CellError(f"bad amount '{text.strip()}'") from None
    minor = value.scaleb(currency_exponent(currency))
    if value > MAX_AMOUNT or minor != minor.to_integral_value():
        raise CellError(f"bad amount '{text.strip()}' (too large or too many decimals for {currency})")
    return int(minor)


def _guess_mark(raw: str) -> str:
    """The decimal mark: the later of `.` and `,`; a lone mark before exactly three digits groups thousands
    (`1,234` and `1.234` are both 1234 — --decimal settles a file where that is wrong)."""
    if "," in raw and "." in raw:
        return "," if raw.rfind(",") > raw.rfind(".") else "."
    mark = "," if "," in raw else "."
    head, _, tail = raw.rpartition(mark)
    if raw.count(mark) > 1 or (len(tail) == 3 and head.strip("0")):
        return "." if mark == "," else ","
    return mark


def _plain_number(raw: str, mark: str) -> str:
    group = "," if mark == "." else "."
    whole, _, fraction = raw.replace(group, "").partition(mark)
    if mark in fraction or not whole + fraction:
        raise CellError(f"bad amount '{raw}'")
    return f"{whole or 0}.{fraction or 0}"


def parse_currency(text: str, default: str) -> str:
    code = SYMBOL_CURRENCIES.get(text.strip(), text.strip().upper()) if text.strip() else default
    if not is_currency(code):
        raise CellError(f"unknown currency '{text.strip()}'")
    return code


def strptime_format(friendly: str) -> str:
    """`DD/MM/YYYY` (or a strptime format as it is) as a strptime format."""
    out = friendly
    for word, directive in _FORMAT_WORDS:
        out = out.replace(word, directive)
    return out


@dataclass
class DateReader:
    """Reads a file's dates; learns from the file whether `03/04/2026` is day-first or month-first."""

    fmt: str | None = None
    zone: ZoneInfo = ZoneInfo("UTC")
    day_first: bool | None = None  # decided by --date-format or by the file's own unambiguous dates
    evidence: dict[bool, int] = field(default_factory=dict)  # day_first -> the first line that proves it
    ambiguous_line: int | None = None

    def read(self, text: str, line: int = 0) -> datetime:
        """The cell as a UTC instant (a bare date is midnight in the workspace's zone)."""
        parts = self._parts(text.strip(), line)
        try:
            local = datetime(*parts[:3], *(p or 0 for p in parts[3:]))
        except (ValueError, TypeError):
            raise CellError(f"bad date '{text.strip()}'") from None
        if not 1970 <= local.year <= 2100:
            raise CellError(f"bad date '{text.strip()}' (years 1970 to 2100)")
        return local.replace(tzinfo=self.zone).astimezone(timezone.utc)

    def read_date(self, text: str, line: int = 0) -> date:
        return self.read(text, line).astimezone(self.zone).date()

    def _parts(self, text: str, line: int) -> tuple:
        if self.fmt:
            try:
                parsed = datetime.strptime(text, strptime_format(self.fmt))
            except ValueError:
                raise CellError(f"bad date '{text}' (expected {self.fmt})") from None
            return (parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute, parsed.second)
        match = _ISO.fullmatch(text) or _CHINESE.fullmatch(text)
        if match:
            return tuple(int(g) if g else None for g in match.groups()) + (None,) * (6 - len(match.groups()))
        match = _SLASHED.fullmatch(text)
        if not match:
            raise CellError(f"bad date '{text}'")
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        rest = tuple(int(g) if g else None for g in match.groups()[3:])
        return (year, *self._day_month(first, second, line, text), *rest)

    def _day_month(self, first: int, second: int, line: int, text: str) -> tuple[int, int]:
        """(month, day) from a slashed date, by --date-format, by the file's evidence, or by the numbers."""
        if first > 12 and second <= 12:
            self.evidence.setdefault(True, line)
        elif second > 12 and first <= 12:
            self.evidence.setdefault(False, line)
        elif first <= 12 and second <= 12 and first != second and self.ambiguous_line is None:
            self.ambiguous_line = line
        day_first = self.day_first if self.day_first is not None else first > 12
        if not (1 <= (second if day_first else first) <= 12):
            raise CellError(f"bad date '{text}'")
        return (second, first) if day_first else (first, second)

    def settle(self) -> str | None:
        """After a first reading: fix the order, or say why the file's dates cannot be read safely."""
        if self.fmt or self.day_first is not None:
            return None
        if True in self.evidence and False in self.evidence:
            return (f"the file mixes day/month (line {self.evidence[True]}) and month/day (line "
                    f"{self.evidence[False]}) dates — give --date-format DD/MM/YYYY or MM/DD/YYYY")
        if self.evidence:
            self.day_first = True in self.evidence
            return None
        if self.ambiguous_line is not None:
            return (f"dates like the one on line {self.ambiguous_line} could be day/month or month/day — "
                    "give --date-format DD/MM/YYYY or MM/DD/YYYY")
        return None
