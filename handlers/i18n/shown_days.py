"""Days in replies that English writes with strftime (`Fri 04 Dec`): the same English, the locale's own form
(`12月4日 周五`) elsewhere, so no English month or weekday name is left in another language."""
from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date

from handlers.i18n.active import active_locale
from handlers.i18n.dates import format_day


def shown_day(value: date | datetime, english: str, weekday: bool = False, clock: bool = False,
              with_year: bool | None = None) -> str:
    """`value` as `english` (a strftime pattern) in English; elsewhere `format_day`, then the weekday and the
    time of day when asked for."""
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
