"""Days and times as the locale writes them: `2026-12-15` or `Fri 04 Dec` in English (as always), 12月15日 or
12月4日周五 in zh, 15.12.2026 in de."""
from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_skeleton

from handlers.i18n.active import active_locale

# Month and day only where the year goes without saying (the deal card's close date keeps its year elsewhere).
_PATTERNS = {"zh": "M月d日", "ja": "M月d日"}


def format_day(day: date, locale: str | None = None, with_year: bool | None = None) -> str:
    """The date in the locale's short form; zh leaves out the year when it is this year or next."""
    locale = locale or active_locale()
    language = locale.split("_")[0]
    if language == "en":
        return day.isoformat()  # what English replies have always shown (and what commands accept)
    if language in _PATTERNS and not with_year and day.year == date.today().year:
        return format_date(day, _PATTERNS[language], locale=locale)
    if language in _PATTERNS:
        return format_date(day, "y年M月d日", locale=locale)
    return format_date(day, "medium" if language not in ("de",) else "dd.MM.yyyy", locale=locale)


def local_day(moment: date | datetime, english: str, skeleton: str = "MMMEd") -> str:
    """A day as English has always shown it (`english`, a strftime pattern), through Babel's `skeleton` in any
    other locale (`MMMEd`: 12月2日周三), so no English weekday or month name is left in a reply."""
    locale = active_locale()
    if locale.startswith("en"):
        return format(moment, english)
    return format_skeleton(skeleton, moment, locale=locale)


def local_time(moment: datetime, english: str, skeleton: str) -> str:
    """A moment in the reader's zone as `local_day` writes its day, then the time of day (24-hour)."""
    if active_locale().startswith("en"):
        return format(moment, english)
    return f"{local_day(moment, english, skeleton)} {moment:%H:%M}"


def shown_day(value: date | datetime, english: str, weekday: bool = False, clock: bool = False,
              with_year: bool | None = None) -> str:
    """`value` as `english` (a strftime pattern) in English; elsewhere `format_day`, then the weekday and the
    time of day when asked for (`12月4日 周五 15:00`)."""
    locale = active_locale()
    if locale.split("_")[0] == "en":
        return format(value, english)
    day = value.date() if isinstance(value, datetime) else value
    parts = [format_day(day, locale, with_year)]
    if weekday:
        parts.append(format_date(day, "EEE", locale=locale))
    if clock and isinstance(value, datetime):
        parts.append(f"{value:%H:%M}")
    return " ".join(parts)
