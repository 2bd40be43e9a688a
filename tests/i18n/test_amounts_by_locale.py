"""Amounts as each locale writes them: one parser, the ambiguity rule, and format -> parse round trips."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from handlers.errors import UserError
from handlers.i18n import using_locale
from handlers.parsing.money import Money, currency_exponent, format_money
from handlers.parsing.values import parse_amount, parse_amount_tokens

LOCALES = ("en", "zh_CN", "de_DE", "fr_FR")
CURRENCIES = ("USD", "EUR", "CNY", "JPY", "GBP")


def read(text: str, locale: str, currency: str = "USD") -> Money:
    with using_locale(locale):
        return parse_amount(text, currency)


@pytest.mark.parametrize("locale,typed,minor,currency", [
    ("en", "12,000.50", 1_200_050, "USD"), ("de_DE", "12.000,50", 1_200_050, "USD"),
    ("fr_FR", "12 000,50", 1_200_050, "USD"), ("fr_FR", "12\u202f000,50", 1_200_050, "USD"),
    ("de_DE", "12.000", 1_200_000, "USD"), ("de_DE", "1,5k", 150_000, "USD"),
    ("zh_CN", "12万", 12_000_000, "USD"), ("zh_CN", "1.5万", 1_500_000, "USD"), ("zh_CN", "3千", 300_000, "USD"),
    ("zh_CN", "2亿", 20_000_000_000, "USD"), ("zh_CN", "１２万", 12_000_000, "USD"),
    ("zh_CN", "¥12万", 12_000_000, "CNY"), ("zh_CN", "￥120000", 12_000_000, "CNY"),
    ("zh_CN", "12万元", 12_000_000, "CNY"), ("zh_CN", "RMB 5000", 500_000, "CNY"),
    ("en", "¥5000", 5000, "JPY"),  # to an English reader ¥ is the yen
])
def test_each_locale_writes_amounts_its_own_way(locale, typed, minor, currency):
    assert read(typed, locale) == Money(minor, currency)


@pytest.mark.parametrize("locale,typed,asks", [
    ("en", "12.000", "did you mean 12,000 or 12?"), ("zh_CN", "12.000", "你是指 12,000 还是 12？"),
    ("de_DE", "12,000", "did you mean 12.000 or 12?"), ("fr_FR", "12.000", "did you mean 12,000 or 12?"),
])
def test_a_form_with_two_readings_in_the_locale_is_asked_about(locale, typed, asks):
    with pytest.raises(UserError) as refused:
        read(typed, locale)
    assert asks in refused.value.message and f"'{typed}'" in refused.value.message


def test_space_grouped_amounts_span_tokens_in_french():
    with using_locale("fr_FR"):
        assert parse_amount_tokens(["12", "000,50", "EUR", "stage"], "USD") == (Money(1_200_050, "EUR"), 3)
    with using_locale("en"):
        assert parse_amount_tokens(["12", "000"], "USD") == (Money(1200, "USD"), 1)


@pytest.mark.parametrize("locale,money,shown", [
    ("zh_CN", Money(12_000_000, "CNY"), "¥120,000"), ("de_DE", Money(1_200_000, "EUR"), "12.000\xa0€"),
    ("en", Money(1_200_000, "USD"), "$12,000"), ("fr_FR", Money(1_200_050, "EUR"), "12\u202f000,50\xa0€"),
])
def test_money_is_shown_as_the_locale_writes_it(locale, money, shown):
    assert format_money(money, locale) == shown


@given(st.sampled_from(LOCALES), st.sampled_from(CURRENCIES), st.integers(min_value=1, max_value=10**12))  # JPY: 10**12 yen is the limit
def test_a_formatted_amount_reads_back_as_itself_in_every_locale(locale, currency, minor):
    money = Money(minor, currency)
    shown = format_money(money, locale)
    try:
        assert read(shown, locale, "USD") == money, shown
    except UserError as error:  # no formatted amount may be one the parser finds ambiguous
        raise AssertionError(f"{shown!r} in {locale}: {error.message}") from None


def test_major_amounts_at_the_limit_still_round_trip():
    for locale in LOCALES:
        money = Money(int(Decimal(10**12).scaleb(currency_exponent("EUR"))), "EUR")
        assert read(format_money(money, locale), locale) == money
