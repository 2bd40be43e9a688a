"""Properties of the command language: any text gives a value or a UserError, and values round-trip."""
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.errors import UserError
from handlers.parsing.money import Money, currency_exponent, format_money, known_currencies
from handlers.parsing.tokens import Token, quote, split_options, strip_command_prefix, tokenize
from handlers.parsing.values import (
    parse_amount, parse_amount_tokens, parse_choice, parse_date, parse_deal_ref, parse_duration,
    parse_percent, parse_person, parse_time_of_day,
)

# Characters the parsers care about, so generated text reaches deep branches, not just "not a date".
COMMAND_CHARS = '0123456789.,:;#@%$€£¥+-= kKmMhdwyapbcEURSDXJPY"“”\\\t'
any_text = st.one_of(st.text(), st.text(alphabet=COMMAND_CHARS, max_size=20))
currencies = st.sampled_from(sorted(known_currencies()))
relaxed = settings(deadline=None)
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def refuses_politely(parse, *args) -> None:
    """Call a parser; a UserError with a message is fine, anything else fails the test."""
    try:
        parse(*args)
    except UserError as error:
        assert error.message


@relaxed
@given(any_text)
def test_tokenize_gives_tokens_or_a_user_error(text):
    try:
        tokens = tokenize(text)
    except UserError as error:
        assert "missing closing quote" in error.message
        return
    assert all(isinstance(token, Token) for token in tokens)
    refuses_politely(split_options, tokens)


@relaxed
@given(any_text)
def test_strip_command_prefix_never_fails(text):
    assert strip_command_prefix(text) == strip_command_prefix(text).strip()


@relaxed
@given(any_text, any_text, st.dates())
def test_value_parsers_give_values_or_user_errors(text, other, today):
    refuses_politely(parse_amount, text, "USD")
    refuses_politely(parse_amount_tokens, [text, other], "EUR")
    refuses_politely(parse_date, text, today)
    refuses_politely(parse_time_of_day, text)
    refuses_politely(parse_duration, text)
    refuses_politely(parse_deal_ref, text)
    refuses_politely(parse_person, text)
    refuses_politely(parse_percent, text)
    refuses_politely(parse_choice, text, [other, "proposal"], "stage")


@relaxed
@given(any_text, currencies)
def test_parsed_amounts_are_positive_and_in_a_known_currency(text, default):
    try:
        money = parse_amount(text, default)
    except UserError:
        return
    assert money.minor > 0 and money.currency in known_currencies()
    assert money.minor <= 10**12 * 10 ** currency_exponent(money.currency)


@relaxed
@given(currencies, st.data())
def test_formatted_money_parses_back_to_the_same_money(currency, data):
    largest = 10**12 * 10 ** currency_exponent(currency)
    money = Money(data.draw(st.integers(min_value=1, max_value=largest)), currency)
    assert parse_amount(format_money(money), "USD") == money


@relaxed
@given(currencies, st.integers(min_value=1, max_value=10**9))
def test_amount_followed_by_its_code_as_two_tokens(currency, major):
    assert parse_amount_tokens([str(major), currency], "USD") == (
        Money(major * 10 ** currency_exponent(currency), currency), 2)


@relaxed
@given(st.text())
def test_quoted_text_tokenizes_back_to_itself(text):
    assert tokenize(quote(text)) == [Token(text, quoted=True)]


@relaxed
@given(st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,8}", fullmatch=True), st.text())
def test_quoted_option_values_tokenize_back(key, value):
    assert tokenize(f"{key}={quote(value)}") == [Token(value, quoted=True, key=key.lower())]


@relaxed
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Z", "C"), blacklist_characters='"“”„='),
                        min_size=1), max_size=8))
def test_plain_words_tokenize_back_to_themselves(words):
    assert [token.text for token in tokenize("  ".join(words))] == words


@relaxed
@given(st.dates(max_value=date(9989, 1, 1)), st.integers(min_value=0, max_value=3650))
def test_day_offsets_add_that_many_days(today, days):
    assert parse_date(f"+{days}d", today) == today + timedelta(days=days)


@relaxed
@given(st.dates(max_value=date(9989, 1, 1)), st.integers(min_value=0, max_value=120))
def test_month_offsets_land_in_the_right_month(today, months):
    found = parse_date(f"+{months}m", today)
    assert (found.year - today.year) * 12 + found.month - today.month == months
    assert found.day <= today.day


@relaxed
@given(st.dates(), st.sampled_from(WEEKDAYS))
def test_weekdays_are_within_the_next_seven_days(today, name):
    try:
        found = parse_date(name, today)
    except UserError:
        assert today > date.max - timedelta(days=7)
        return
    assert 1 <= (found - today).days <= 7
    assert found.weekday() == WEEKDAYS.index(name)


@relaxed
@given(st.dates())
def test_iso_dates_parse_to_themselves(day):
    assert parse_date(day.isoformat(), date(2026, 1, 1)) == day


@relaxed
@given(st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59))
def test_clock_times_parse_to_themselves(hour, minute):
    assert parse_time_of_day(f"{hour:02d}:{minute:02d}").strftime("%H:%M") == f"{hour:02d}:{minute:02d}"
    twelve = f"{hour % 12 or 12}:{minute:02d}{'pm' if hour >= 12 else 'am'}"
    assert parse_time_of_day(twelve).strftime("%H:%M") == f"{hour:02d}:{minute:02d}"


@relaxed
@given(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=500))
def test_hour_minute_durations_add_up(hours, minutes):
    if hours == minutes == 0:
        return
    assert parse_duration(f"{hours}h{minutes}m") == timedelta(hours=hours, minutes=minutes)


@relaxed
@given(st.integers(min_value=1, max_value=10**9 - 1))
def test_deal_numbers_round_trip(number):
    assert parse_deal_ref(f"#{number}").number == number
