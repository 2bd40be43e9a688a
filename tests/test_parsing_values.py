"""Examples of every accepted and refused form of the values inside commands."""
from datetime import date, time, timedelta

import pytest

from handlers.errors import UserError
from handlers.parsing.money import (
    Money, currency_exponent, format_compact, format_money, is_currency, known_currencies,
)
from handlers.parsing.values import (
    DealRef, parse_amount, parse_amount_tokens, parse_choice, parse_date, parse_deal_ref,
    parse_duration, parse_percent, parse_person, parse_time_of_day,
)

TODAY = date(2026, 5, 13)  # a Wednesday
STAGES = ["lead", "qualified", "proposal", "negotiation", "won", "lost"]


def error_for(parse, *args) -> str:
    with pytest.raises(UserError) as error:
        parse(*args)
    return error.value.message


# --- money ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("code, exponent", [
    ("USD", 2), ("EUR", 2), ("JPY", 0), ("KRW", 0), ("BHD", 3), ("KWD", 3), ("OMR", 3),
    ("JOD", 3), ("TND", 3), ("jpy", 0), ("SEK", 2),
])
def test_currency_exponent(code, exponent):
    assert currency_exponent(code) == exponent


def test_required_currencies_are_known():
    required = ("USD EUR GBP JPY CHF CAD AUD NZD SEK NOK DKK PLN CZK HUF INR CNY HKD SGD BRL MXN "
                "ZAR AED SAR ILS TRY KRW BHD KWD").split()
    assert all(is_currency(code) for code in required)
    assert set(required) <= known_currencies()


@pytest.mark.parametrize("code", ["XYZ", "", "US", "USDD", "dollars"])
def test_unknown_currency_codes(code):
    assert not is_currency(code)


def test_is_currency_ignores_case():
    assert is_currency("eur")


@pytest.mark.parametrize("money, shown", [
    (Money(1_200_000, "USD"), "$12,000"),
    (Money(150_000_000, "EUR"), "€1,500,000"),
    (Money(1_200_000, "SEK"), "12,000 SEK"),
    (Money(1_200_050, "USD"), "$12,000.50"),
    (Money(1_200_005, "USD"), "$12,000.05"),
    (Money(5, "USD"), "$0.05"),
    (Money(12_000, "JPY"), "¥12,000"),
    (Money(1_500_250, "KWD"), "1,500.250 KWD"),
    (Money(100_000, "CAD"), "CA$1,000"),
    (Money(-250_000, "GBP"), "-£2,500"),
])
def test_format_money(money, shown):
    assert format_money(money) == shown


@pytest.mark.parametrize("money, shown", [
    (Money(1_200_000, "USD"), "$12k"),
    (Money(150_000_000, "USD"), "$1.5m"),
    (Money(95_000, "USD"), "$950"),
    (Money(95_050, "USD"), "$951"),
    (Money(1_234_567, "USD"), "$12.3k"),
    (Money(99_996_000, "USD"), "$1m"),
    (Money(99_960, "USD"), "$1k"),
    (Money(320_000_000_000, "USD"), "$3.2bn"),
    (Money(1_200_000, "SEK"), "12k SEK"),
    (Money(1_500_000, "JPY"), "¥1.5m"),
    (Money(-1_200_000, "EUR"), "-€12k"),
])
def test_format_compact(money, shown):
    assert format_compact(money) == shown


# --- amounts -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("12000", Money(1_200_000, "USD")),
    ("12k", Money(1_200_000, "USD")),
    ("12K", Money(1_200_000, "USD")),
    ("1.5m", Money(150_000_000, "USD")),
    ("2M", Money(200_000_000, "USD")),
    ("1,200,000", Money(120_000_000, "USD")),
    ("$12,000", Money(1_200_000, "USD")),
    ("€12k", Money(1_200_000, "EUR")),
    ("£1.5m", Money(150_000_000, "GBP")),
    ("12000 EUR", Money(1_200_000, "EUR")),
    ("12000EUR", Money(1_200_000, "EUR")),
    ("EUR 12000", Money(1_200_000, "EUR")),
    ("EUR12000", Money(1_200_000, "EUR")),
    ("12000 eur", Money(1_200_000, "EUR")),
    ("12kEUR", Money(1_200_000, "EUR")),
    ("12000€", Money(1_200_000, "EUR")),
    ("12000.50", Money(1_200_050, "USD")),
    ("12,000.50", Money(1_200_050, "USD")),
    ("1.23456k", Money(123_456, "USD")),
    (".5m", Money(50_000_000, "USD")),
    ("  12k  ", Money(1_200_000, "USD")),
    ("$12000 USD", Money(1_200_000, "USD")),
    ("CA$1,000.5", Money(100_050, "CAD")),
    ("US$5", Money(500, "USD")),
    ("¥12000", Money(12_000, "JPY")),
    ("12000 JPY", Money(12_000, "JPY")),
    ("1.125 KWD", Money(1_125, "KWD")),
    ("1000000000000", Money(10**14, "USD")),
])
def test_parse_amount_accepts(text, expected):
    assert parse_amount(text, "USD") == expected


def test_plain_amount_uses_the_default_currency():
    assert parse_amount("12k", "sek") == Money(1_200_000, "SEK")
    assert parse_amount("500", "JPY") == Money(500, "JPY")


@pytest.mark.parametrize("text", [
    "12kk", "abc", "nan", "NaN", "inf", "Infinity", "12 k", "k", "$", "1e5", "12.", "1.2.3",
    "twelve", "12kkk", "12000 xyz", "#12", "0x10", "٣",
])
def test_parse_amount_refuses_non_amounts(text):
    message = error_for(parse_amount, text, "USD")
    assert f"'{text.strip()}' is not an amount" in message
    assert "12k" in message


@pytest.mark.parametrize("text", ["", "   "])
def test_missing_amount(text):
    assert "amount is missing" in error_for(parse_amount, text, "USD")


@pytest.mark.parametrize("text", ["-12k", "-$12,000", "$-5", "EUR -12"])
def test_negative_amounts_are_refused(text):
    message = error_for(parse_amount, text, "USD")
    assert f"'{text}'" in message and "negative" in message


@pytest.mark.parametrize("text", ["0", "0k", "$0.00", "0 EUR", "0.0m", "000"])
def test_zero_amounts_are_refused(text):
    message = error_for(parse_amount, text, "USD")
    assert f"'{text}'" in message


def test_zero_message_says_more_than_zero():
    assert "more than zero" in error_for(parse_amount, "0", "USD")


@pytest.mark.parametrize("text, currency", [
    ("12000.505", "USD"), ("1.234567k", "USD"), ("12.5", "JPY"), ("1.1255 KWD", "USD"),
])
def test_too_many_decimals_are_refused(text, currency):
    message = error_for(parse_amount, text, currency)
    assert f"'{text}' has too many decimals" in message


def test_too_many_decimals_names_the_currency_precision():
    assert "JPY has no decimals" in error_for(parse_amount, "12.5", "JPY")
    assert "USD has 2 decimal places" in error_for(parse_amount, "1.001", "USD")


@pytest.mark.parametrize("text", ["1000000000001", "2000000m", "1000000001k", "1" * 30])
def test_amounts_above_a_trillion_are_refused(text):
    message = error_for(parse_amount, text, "USD")
    assert f"'{text}' is too large" in message


@pytest.mark.parametrize("text", ["12000XYZ", "12000 XYZ", "XYZ 12000", "12k QQQ"])
def test_unknown_currency_is_refused(text):
    message = error_for(parse_amount, text, "USD")
    assert message.startswith("'") and "is not a currency I know — try USD, EUR or GBP" in message
    assert "'XYZ'" in message or "'QQQ'" in message


@pytest.mark.parametrize("text", ["1,2,3", "12,00", "1,2000", "12.000,50", ",100"])
def test_malformed_thousands_separators_are_refused(text):
    message = error_for(parse_amount, text, "USD")
    assert f"'{text}'" in message and "1,200,000" in message


@pytest.mark.parametrize("text", ["$12 EUR", "€12k GBP"])
def test_two_currencies_are_refused(text):
    assert f"'{text}' names two currencies" in error_for(parse_amount, text, "USD")


def test_very_long_amount_text_is_refused_and_shortened():
    message = error_for(parse_amount, "9" * 200, "USD")
    assert "'" + "9" * 40 + "…'" in message


@pytest.mark.parametrize("tokens, expected, used", [
    (["12000", "EUR"], Money(1_200_000, "EUR"), 2),
    (["EUR", "12000"], Money(1_200_000, "EUR"), 2),
    (["12k", "eur"], Money(1_200_000, "EUR"), 2),
    (["12k", "€"], Money(1_200_000, "EUR"), 2),
    (["12k"], Money(1_200_000, "USD"), 1),
    (["12k", "stage"], Money(1_200_000, "USD"), 1),
    (["12k", "fri", "EUR"], Money(1_200_000, "USD"), 1),
    (["$12k", "@ana"], Money(1_200_000, "USD"), 1),
])
def test_parse_amount_tokens(tokens, expected, used):
    assert parse_amount_tokens(tokens, "USD") == (expected, used)


def test_parse_amount_tokens_refuses_an_unknown_following_code():
    assert "'XYZ' is not a currency I know" in error_for(parse_amount_tokens, ["12k", "XYZ"], "USD")


def test_parse_amount_tokens_refuses_a_bad_first_token():
    assert "'12kk' is not an amount" in error_for(parse_amount_tokens, ["12kk", "stage"], "USD")


def test_parse_amount_tokens_needs_a_token():
    assert "amount is missing" in error_for(parse_amount_tokens, [], "USD")


# --- dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2026-12-15", date(2026, 12, 15)),
    ("2026-1-5", date(2026, 1, 5)),
    ("2028-02-29", date(2028, 2, 29)),
    ("today", TODAY),
    ("Today", TODAY),
    ("tomorrow", date(2026, 5, 14)),
    ("TOMORROW", date(2026, 5, 14)),
    ("yesterday", date(2026, 5, 12)),
    ("+0d", TODAY),
    ("+30d", date(2026, 6, 12)),
    ("+2w", date(2026, 5, 27)),
    ("+3m", date(2026, 8, 13)),
    ("+1y", date(2027, 5, 13)),
    ("+3653d", date(2036, 5, 13)),
    ("+120m", date(2036, 5, 13)),
    ("mon", date(2026, 5, 18)),
    ("tue", date(2026, 5, 19)),
    ("wed", date(2026, 5, 20)),  # strictly after today, so next week's Wednesday
    ("Wednesday", date(2026, 5, 20)),
    ("thu", date(2026, 5, 14)),
    ("thurs", date(2026, 5, 14)),
    ("FRI", date(2026, 5, 15)),
    ("friday", date(2026, 5, 15)),
    ("sat", date(2026, 5, 16)),
    ("Sunday", date(2026, 5, 17)),
    ("dec 15", date(2026, 12, 15)),
    ("15 dec", date(2026, 12, 15)),
    ("December 15th", date(2026, 12, 15)),
    ("1st jan", date(2027, 1, 1)),
    ("may 13", TODAY),
    ("feb 29", date(2028, 2, 29)),
    ("  tomorrow ", date(2026, 5, 14)),
])
def test_parse_date_accepts(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("today, expected", [
    (date(2026, 1, 31), date(2026, 2, 28)),
    (date(2028, 1, 31), date(2028, 2, 29)),
    (date(2026, 3, 31), date(2026, 4, 30)),
])
def test_month_offsets_clamp_to_the_end_of_the_month(today, expected):
    assert parse_date("+1m", today) == expected


def test_month_offsets_roll_over_the_year():
    assert parse_date("+3m", date(2026, 11, 30)) == date(2027, 2, 28)


@pytest.mark.parametrize("text, reason", [
    ("2026-02-30", "February 2026 has 28 days"),
    ("2026-04-31", "April 2026 has 30 days"),
    ("2026-13-01", "there is no month 13"),
    ("2026-00-10", "there is no month 0"),
    ("2026-05-00", "May 2026 has 31 days"),
    ("feb 30", "February has 29 days"),
])
def test_impossible_calendar_dates_are_refused(text, reason):
    message = error_for(parse_date, text, TODAY)
    assert f"'{text}' is not a date — {reason}" == message


@pytest.mark.parametrize("text", ["+3654d", "+11y", "+121m", "+600w", "+999999d", "+5000m"])
def test_offsets_beyond_ten_years_are_refused(text):
    assert f"'{text}' is too far away" in error_for(parse_date, text, TODAY)


@pytest.mark.parametrize("text", [
    "frday", "someday", "2026/12/15", "15.12.2026", "+d", "+3x", "-3d", "30d", "+-3d",
    "dec", "dec 15 16", "smarch 3", "2026-12-15T10:00", "12",
])
def test_parse_date_refuses_non_dates(text):
    message = error_for(parse_date, text, TODAY)
    assert f"'{text}' is not a date" in message and "tomorrow" in message


def test_parse_date_names_the_token_as_typed():
    assert "'Frday'" in error_for(parse_date, "Frday", TODAY)


def test_missing_date():
    assert "date is missing" in error_for(parse_date, "", TODAY)


@pytest.mark.parametrize("text, today", [
    ("tomorrow", date.max), ("yesterday", date.min), ("fri", date.max), ("+1d", date.max),
    ("+1m", date(9999, 12, 1)),
])
def test_dates_off_the_calendar_are_refused(text, today):
    assert f"'{text}' is off the calendar" in error_for(parse_date, text, today)


# --- times and durations -------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("09:00", time(9, 0)), ("9:00", time(9, 0)), ("17:30", time(17, 30)), ("00:00", time(0, 0)),
    ("23:59", time(23, 59)), ("9am", time(9, 0)), ("5pm", time(17, 0)), ("5:30pm", time(17, 30)),
    ("5:30 PM", time(17, 30)), ("12am", time(0, 0)), ("12pm", time(12, 0)), ("12:15am", time(0, 15)),
    ("11p.m.", time(23, 0)),
])
def test_parse_time_of_day_accepts(text, expected):
    assert parse_time_of_day(text) == expected


@pytest.mark.parametrize("text", [
    "25:00", "24:00", "9:60", "13pm", "0am", "9", "9:5", "noonish", "", "9:00:00", "-1:00", "09h00",
])
def test_parse_time_of_day_refuses(text):
    message = error_for(parse_time_of_day, text)
    assert f"'{text}' is not a time" in message and "9am" in message


@pytest.mark.parametrize("text, expected", [
    ("30m", timedelta(minutes=30)), ("2h", timedelta(hours=2)), ("1d", timedelta(days=1)),
    ("1w", timedelta(weeks=1)), ("90m", timedelta(minutes=90)),
    ("1h30m", timedelta(hours=1, minutes=30)), ("1H30M", timedelta(hours=1, minutes=30)),
    ("1w2d", timedelta(days=9)), ("1d0h", timedelta(days=1)), ("52w", timedelta(weeks=52)),
])
def test_parse_duration_accepts(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["0m", "0h0m", "0w"])
def test_zero_durations_are_refused(text):
    message = error_for(parse_duration, text)
    assert f"'{text}'" in message and "longer than zero" in message


@pytest.mark.parametrize("text", ["m", "h30", "30x", "1h1h", "30m1h", "1.5h", "-30m", "abc", "", "1h 30"])
def test_parse_duration_refuses_nonsense(text):
    message = error_for(parse_duration, text)
    assert f"'{text}' is not a duration" in message and "1h30m" in message


def test_duration_without_unit_suggests_units():
    assert error_for(parse_duration, "30") == "'30' needs a unit — try 30m, 30h or 30d"


def test_durations_over_a_year_are_refused():
    assert "'400d' is too long" in error_for(parse_duration, "400d")


# --- deals, people, percentages, choices ---------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("#12", DealRef(number=12)),
    ("#007", DealRef(number=7)),
    (" #3 ", DealRef(number=3)),
    ("acme", DealRef(prefix="acme")),
    ("Acme Renewal", DealRef(prefix="acme renewal")),
    ("  ACME  ", DealRef(prefix="acme")),
    ("12k", DealRef(prefix="12k")),
])
def test_parse_deal_ref_accepts(text, expected):
    assert parse_deal_ref(text) == expected


@pytest.mark.parametrize("text", ["#", "#abc", "#0", "#-1", "#12a", "# 12", "#1.5", "#9999999999"])
def test_bad_deal_numbers_are_refused(text):
    message = error_for(parse_deal_ref, text)
    assert f"'{text}' is not a deal number" in message and "#12" in message


def test_bare_number_is_not_a_deal_ref():
    assert error_for(parse_deal_ref, "12") == (
        "'12' could be an amount — write #12 for deal 12, or part of the deal's name")


def test_missing_deal_ref():
    assert "deal is missing" in error_for(parse_deal_ref, "  ")


@pytest.mark.parametrize("text, expected", [
    ("@ana", "ana"), ("@Ana", "ana"), ("@U012ABC", "u012abc"), ("@ana.smith", "ana.smith"),
    ("@ana_s-2", "ana_s-2"), (" @bob ", "bob"), ("@José", "josé"),
])
def test_parse_person_accepts(text, expected):
    assert parse_person(text) == expected


def test_person_without_at_is_refused_with_the_mention_to_type():
    assert error_for(parse_person, "ana") == "'ana' is not a person — mention them like @ana"


@pytest.mark.parametrize("text", ["@", "@ana smith", "@ana!", "a@na", "@@", "<@U012>"])
def test_parse_person_refuses(text):
    message = error_for(parse_person, text)
    assert f"'{text}' is not a person" in message and "mention them like @" in message


def test_missing_person():
    assert "person is missing" in error_for(parse_person, "")


@pytest.mark.parametrize("text, expected", [("25", 25), ("25%", 25), ("0", 0), ("100%", 100), (" 7 % ", 7)])
def test_parse_percent_accepts(text, expected):
    assert parse_percent(text) == expected


@pytest.mark.parametrize("text", ["101", "150%", "-5", "25.5", "%", "", "abc", "1000", "25%%"])
def test_parse_percent_refuses(text):
    message = error_for(parse_percent, text)
    assert f"'{text}' is not a percentage" in message and "0 to 100" in message


@pytest.mark.parametrize("text, expected", [("proposal", "proposal"), ("PROPOSAL", "proposal"), (" Won ", "won")])
def test_parse_choice_accepts_any_case(text, expected):
    assert parse_choice(text, STAGES, "stage") == expected


def test_parse_choice_returns_the_choice_as_configured():
    assert parse_choice("emea", ["EMEA", "APAC"], "region") == "EMEA"


def test_parse_choice_lists_choices_and_suggests_the_closest():
    message = error_for(parse_choice, "propsal", STAGES, "stage")
    assert message == ("'propsal' is not a stage — stages: lead, qualified, proposal, negotiation, won, lost;"
                       " did you mean proposal?")


def test_parse_choice_without_a_close_match_only_lists():
    message = error_for(parse_choice, "zzz", STAGES, "stage")
    assert "'zzz' is not a stage — stages: lead" in message and "did you mean" not in message


def test_parse_choice_uses_the_right_article_and_plural():
    message = error_for(parse_choice, "x", ["ok"], "activity")
    assert "'x' is not an activity — activities: ok" in message


def test_parse_choice_refuses_prefixes():
    assert "did you mean proposal?" in error_for(parse_choice, "prop", STAGES, "stage")
