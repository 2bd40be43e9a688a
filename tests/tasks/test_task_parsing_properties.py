"""Properties of the new parsers: due times, option tails, exchange rates."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import given, strategies as st

from handlers.fx import factor_micro, parse_rate
from handlers.parsing.money import currency_exponent
from handlers.parsing.tails import join_value_tails
from handlers.parsing.tokens import Token, split_options, tokenize
from handlers.tasks.due import parse_due

ZONES = st.sampled_from(["UTC", "Europe/Lisbon", "America/New_York", "Asia/Kolkata", "Australia/Sydney"])
NOW = datetime(2026, 11, 2, 10, 0, tzinfo=timezone.utc)


@given(zone=ZONES, days=st.integers(min_value=1, max_value=300), hour=st.integers(0, 23),
       minute=st.integers(0, 59))
def test_a_due_date_and_time_is_that_wall_clock_time_in_the_assignees_zone(zone, days, hour, minute):
    day = NOW.astimezone(ZoneInfo(zone)).date() + timedelta(days=days)
    due = parse_due(f"{day.isoformat()} {hour:02d}:{minute:02d}", ZoneInfo(zone), NOW)
    local = due.at.astimezone(ZoneInfo(zone))
    assert due.has_time and due.overdue_at == due.at and due.at > NOW
    assert local.date() == day and (local.hour, local.minute) >= (hour, minute)  # a DST gap moves it later only


@given(zone=ZONES, days=st.integers(min_value=0, max_value=300))
def test_a_bare_due_date_is_overdue_when_that_day_ends_and_reminded_no_earlier_than_now(zone, days):
    day = NOW.astimezone(ZoneInfo(zone)).date() + timedelta(days=days)
    due = parse_due(day.isoformat(), ZoneInfo(zone), NOW)
    assert not due.has_time and NOW <= due.at < due.overdue_at
    assert due.overdue_at.astimezone(ZoneInfo(zone)).date() == day + timedelta(days=1)


@given(words=st.lists(st.sampled_from(["deal", "add", '"X"', "12k", "close=dec", "15", "due=fri", "15:00",
                                       "due=2026-12-15", "09:30", "stage=lead", "30", "close=fri"]), max_size=8))
def test_joining_option_tails_keeps_every_word_in_order(words):
    tokens = tokenize(" ".join(words))
    joined = join_value_tails(tokens)
    assert " ".join(t.as_typed() for t in joined).split() == " ".join(t.as_typed() for t in tokens).split()
    assert len(joined) <= len(tokens)
    split_options([t for t in joined if t.key is None])  # positional words stay positional


def test_month_day_and_time_tails_join():
    joined = join_value_tails(tokenize('deal add "E" 12000 EUR close=dec 15 due=fri 15:00'))
    assert Token("dec 15", False, "close") in joined and Token("fri 15:00", False, "due") in joined


@given(rate=st.decimals(min_value=Decimal("0.000001"), max_value=Decimal("100000"), places=6),
       code=st.sampled_from(["EUR", "JPY", "KWD", "GBP"]), base=st.sampled_from(["USD", "JPY", "BHD"]))
def test_a_rate_reads_back_and_its_factor_scales_minor_units(rate, code, base):
    assert parse_rate(str(rate), code, base) == rate
    factor = factor_micro(rate, code, base)
    exact = rate * Decimal(10) ** (currency_exponent(base) - currency_exponent(code) + 6)
    assert abs(factor - exact) <= Decimal("0.5")


def test_dates_are_never_in_the_past_for_tomorrow():
    assert parse_due("tomorrow", ZoneInfo("UTC"), NOW).at.date() == date(2026, 11, 3)
    assert parse_due("tomorrow 08:00", ZoneInfo("UTC"), NOW).at.time() == time(8, 0)
