"""Money as integer minor units of an ISO 4217 currency, and how amounts are shown to people in their locale."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_compact_currency, format_currency

from handlers.i18n import active_locale

_ZERO_DECIMALS = frozenset(
    "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF".split()
)
_THREE_DECIMALS = frozenset("BHD IQD JOD KWD LYD OMR TND".split())
_KNOWN = _ZERO_DECIMALS | _THREE_DECIMALS | frozenset(
    """USD EUR GBP CHF CAD AUD NZD SEK NOK DKK PLN CZK HUF RON BGN INR CNY HKD SGD TWD
    THB MYR IDR PHP BRL MXN ARS COP PEN ZAR AED SAR QAR ILS TRY EGP NGN KES MAD PKR
    BDT UAH RUB""".split()
)

# Symbols shown by format_money; ambiguous ones ($, ¥) belong to one currency, the rest are prefixed.
SYMBOLS: dict[str, str] = {
    "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "KRW": "₩", "ILS": "₪",
    "CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "HKD": "HK$", "SGD": "S$", "BRL": "R$",
    "MXN": "MX$", "CNY": "CN¥",
}
# Every symbol a user may type, including spellings format_money never produces.
SYMBOL_CURRENCIES: dict[str, str] = {symbol: code for code, symbol in SYMBOLS.items()} | {
    "US$": "USD", "C$": "CAD", "AU$": "AUD", "₺": "TRY", "₽": "RUB", "₫": "VND", "฿": "THB",
    "₱": "PHP", "₦": "NGN", "₴": "UAH",
    # How other locales write them (Babel's symbols), so an amount shown in any locale reads back.
    "JP¥": "JPY", "$US": "USD", "£GB": "GBP", "元": "CNY", "人民币": "CNY", "RMB": "CNY",
}
# Where `¥` is the yuan rather than the yen.
_YUAN_LOCALES = frozenset({"zh"})
# Largest unit first so 1,500,000 reads as 1.5m rather than 1,500k.
_COMPACT_UNITS = ((Decimal(1), ""), (Decimal(10**3), "k"), (Decimal(10**6), "m"), (Decimal(10**9), "bn"))


@dataclass(frozen=True)
class Money:
    """An amount in minor units (cents) of `currency`, an upper-case ISO 4217 code."""

    minor: int
    currency: str


def currency_exponent(code: str) -> int:
    """How many decimal places the currency has (JPY 0, USD 2, KWD 3)."""
    code = code.upper()
    if code in _ZERO_DECIMALS:
        return 0
    return 3 if code in _THREE_DECIMALS else 2


def is_currency(code: str) -> bool:
    """Whether `code` (any case) is an ISO 4217 currency this bot knows."""
    return code.upper() in _KNOWN


def known_currencies() -> frozenset[str]:
    """All currency codes the bot accepts."""
    return _KNOWN


def looks_like_currency(word: str) -> bool:
    """A symbol, a known code, or three capitals (XYZ) that a user clearly meant as a currency."""
    word = word.strip()
    if word in SYMBOL_CURRENCIES:
        return True
    return len(word) == 3 and word.isascii() and word.isalpha() and (is_currency(word) or word.isupper())


def currency_of_symbol(symbol: str, locale: str | None = None) -> str | None:
    """The currency a typed symbol names in `locale`: `¥` is CNY to a Chinese reader and JPY elsewhere."""
    if symbol in ("¥", "￥") and _language(locale) in _YUAN_LOCALES:
        return "CNY"
    return SYMBOL_CURRENCIES.get(symbol)


@lru_cache(maxsize=64)
def number_symbols(locale: str) -> tuple[str, str]:
    """(decimal mark, group mark) of `locale`: (".", ",") in en and zh, (",", ".") in de, (",", "\u202f") in fr."""
    symbols = Locale.parse(locale).number_symbols.get("latn", {})
    return symbols.get("decimal", "."), symbols.get("group", ",")


def _language(locale: str | None) -> str:
    return (locale or active_locale()).split("_")[0]


def format_money(money: Money, locale: str | None = None) -> str:
    """Full amount for cards and confirmations: $12,000, $12,000.50, 12,000 SEK; ¥120,000 in zh, 12.000 € in de."""
    locale = locale or active_locale()
    if _language(locale) != "en":
        return _babel_money(money, locale)
    exponent = currency_exponent(money.currency)
    major, fraction = divmod(abs(money.minor), 10**exponent)
    number = f"{major:,}" + (f".{fraction:0{exponent}d}" if fraction else "")
    return _with_currency(money, number)


def _babel_money(money: Money, locale: str) -> str:
    """The locale's own currency pattern; cents only when there are some, as in English."""
    exponent = currency_exponent(money.currency)
    pattern = Locale.parse(locale).currency_formats["standard"].pattern.split(";")[0]
    if money.minor % 10**exponent == 0:
        pattern = pattern.replace("0.00", "0")
    amount = Decimal(money.minor).scaleb(-exponent)
    return format_currency(amount, money.currency, format=pattern, locale=locale, currency_digits=False)


def format_compact(money: Money, locale: str | None = None) -> str:
    """Short amount for tables: $950, $12k, $1.5m, 3.2bn SEK; ¥12万 in zh."""
    locale = locale or active_locale()
    if _language(locale) != "en":
        major = Decimal(money.minor).scaleb(-currency_exponent(money.currency))
        return format_compact_currency(major, money.currency, locale=locale, fraction_digits=1)
    major = Decimal(abs(money.minor)).scaleb(-currency_exponent(money.currency))
    return _with_currency(money, _compact_number(major))


def _compact_number(major: Decimal) -> str:
    """Pick the smallest unit that keeps the number under 1000 after rounding (999,960 -> 1m)."""
    for size, suffix in _COMPACT_UNITS:
        places = Decimal(1) if size == 1 else Decimal("0.1")
        value = (major / size).quantize(places, ROUND_HALF_UP)
        if value < 1000:
            break
    text = f"{value:,f}"
    return (text[:-2] if text.endswith(".0") else text) + suffix


def _with_currency(money: Money, number: str) -> str:
    sign = "-" if money.minor < 0 else ""
    symbol = SYMBOLS.get(money.currency)
    return f"{sign}{symbol}{number}" if symbol else f"{sign}{number} {money.currency}"


def whole_units(minor: int, currency: str) -> int:
    """`minor` rounded to whole units of the currency (half up), for summaries: $11,612.90 reads $11,613."""
    unit = 10 ** currency_exponent(currency)
    return (minor + unit // 2) // unit * unit
