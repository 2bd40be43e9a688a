"""Relative dates in Chinese (明天, 下周五, +2周, 12月15日), rewritten into the forms parse_date reads."""
from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

_DAYS = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "昨天": -1}
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEK_WORD = re.compile(r"(下下|下|本|这|)(?:周|星期|礼拜)([一二三四五六日天])")
_OFFSET = re.compile(r"\+([0-9]{1,6})(天|日|周|星期|个月|月|年)")
_OFFSET_UNITS = {"天": "d", "日": "d", "周": "w", "星期": "w", "个月": "m", "月": "m", "年": "y"}
_MONTH_DAY = re.compile(r"(?:([0-9]{4})年)?([0-9]{1,2})月([0-9]{1,2})[日号]")
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def chinese_date(word: str, today: date) -> date | str | None:
    """A date for 明天 or 下周五; for +2周 or 12月15日 the English form (`+2w`, `dec 15`) to parse; else None."""
    word = unicodedata.normalize("NFKC", word).strip()
    if word in _DAYS:
        return today + timedelta(days=_DAYS[word])
    if match := _WEEK_WORD.fullmatch(word):
        return _week_day(today, match[1], _WEEKDAY[match[2]])
    if match := _OFFSET.fullmatch(word):
        return f"+{match[1]}{_OFFSET_UNITS[match[2]]}"
    if match := _MONTH_DAY.fullmatch(word):
        year, month, day = match.groups()
        if year:
            return f"{year}-{month}-{day}"
        return f"{_MONTHS[int(month) - 1]} {day}" if 1 <= int(month) <= 12 else f"{today.year}-{month}-{day}"
    return None


def _week_day(today: date, which: str, weekday: int) -> date:
    """周五: the next Friday (as `fri`); 本周五: this week's; 下周五: next week's; 下下周五: the week after."""
    if not which:
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    monday = today - timedelta(days=today.weekday())
    weeks = {"本": 0, "这": 0, "下": 1, "下下": 2}[which]
    return monday + timedelta(weeks=weeks, days=weekday)
