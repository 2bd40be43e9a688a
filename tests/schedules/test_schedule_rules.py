"""Occurrences are computed deterministically: one per local day, across daylight-saving changes."""
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings, strategies as st

from handlers.schedules.rules import QuietWindow, Rule, defer_to_window, local_instant, occurrences
from tests.schedules.support import utc

NEW_YORK, LISBON = ZoneInfo("America/New_York"), ZoneInfo("Europe/Lisbon")


def test_spring_forward_gap_moves_to_the_first_valid_instant():
    # 2026-03-08 02:30 does not exist in New York: clocks jump from 02:00 to 03:00 EDT (07:00 UTC).
    assert local_instant(date(2026, 3, 8), time(2, 30), NEW_YORK) == utc("2026-03-08 07:00")


def test_fall_back_repeated_time_is_its_first_instant():
    # 2026-11-01 01:30 happens twice in New York; the first is 01:30 EDT = 05:30 UTC.
    assert local_instant(date(2026, 11, 1), time(1, 30), NEW_YORK) == utc("2026-11-01 05:30")


def test_daily_0800_keeps_local_time_over_both_changes():
    spring = occurrences(Rule("daily", time(8)), LISBON, utc("2026-03-28 00:00"), utc("2026-03-31 00:00"))
    assert [o.due_at for o in spring] == [utc("2026-03-28 08:00"), utc("2026-03-29 07:00"), utc("2026-03-30 07:00")]
    autumn = occurrences(Rule("daily", time(8)), LISBON, utc("2026-10-24 00:00"), utc("2026-10-27 00:00"))
    assert [o.due_at for o in autumn] == [utc("2026-10-24 07:00"), utc("2026-10-25 08:00"), utc("2026-10-26 08:00")]


@settings(max_examples=60, deadline=None)
@given(st.dates(date(2025, 1, 1), date(2027, 12, 31)), st.sampled_from(["America/New_York", "Europe/Lisbon",
       "Australia/Sydney", "Asia/Kolkata", "America/Santiago"]), st.times())
def test_exactly_one_occurrence_per_local_day(day, zone_name, at):
    zone = ZoneInfo(zone_name)
    start = datetime.combine(day, time(0), zone).astimezone(timezone.utc)
    found = occurrences(Rule("daily", at.replace(microsecond=0, second=0)), zone, start, start + timedelta(days=5))
    dates = [o.local_date for o in found]
    assert len(dates) == len(set(dates))
    assert all(b - a == timedelta(days=1) for a, b in zip(dates, dates[1:]))
    assert 4 <= len(dates) <= 6


def test_quiet_hours_hold_an_early_message_until_the_window_opens():
    window = QuietWindow()
    friday_night = utc("2026-11-06 22:00")  # 22:00 in Lisbon, a Friday
    assert defer_to_window(friday_night, LISBON, window) == utc("2026-11-09 08:00")  # Monday 08:00
    assert defer_to_window(utc("2026-11-09 10:00"), LISBON, window) == utc("2026-11-09 10:00")
    assert defer_to_window(friday_night, LISBON, QuietWindow(off=True)) == friday_night


def test_monthly_on_the_31st_fires_on_the_last_day_of_short_months():
    found = occurrences(Rule("monthly", time(9), 31), LISBON, utc("2026-02-01 00:00"), utc("2026-04-01 00:00"))
    assert [o.local_date for o in found] == [date(2026, 2, 28), date(2026, 3, 31)]
