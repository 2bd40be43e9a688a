"""`fx set <ISO> <rate>` and `fx list`: exchange rates to the base currency, and the note every converted total
carries (which rates it used, and what it left out for want of one)."""
from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from handlers.analytics.results import CurrencyMix
from handlers.call import Call
from handlers.i18n import L_, _, ngettext
from handlers.i18n.dates import shown_day
from handlers.errors import UserError
from handlers.parsing.money import Money, currency_exponent, format_money, is_currency
from handlers.permissions import require_admin
from handlers.reply import Reply, Table

NOT_RATE = L_("'{token}' is not a rate — write how many {base} one {code} is worth, like 1.08")
SAME_AS_BASE = L_("{code} is the base currency already — its rate is 1")
NOT_CURRENCY = L_("'{token}' is not a currency I know — try EUR, GBP or JPY")
RATE_SET = L_("1 {code} = {rate} {base}. Totals now count {code} deals in {base}.")
NO_RATES = L_("No exchange rates yet: totals count only {base} deals. An admin adds one with `fx set EUR 1.08`.")
RATES_TITLE = L_("Exchange rates to {base}")
RATES_TEXT = L_("Exchange rates to {base}.")
CONVERTED = L_("{base} totals: {rates}.")
RATE_USED = L_("{code} at {rate}, set {day}")
LEFT_OUT = L_("Left out (no rate): {parts} — `fx set <ISO> <rate>`.")
LEFT_OUT_PART = L_("{count} {deals} in {code} ({amount})")
RATES_HEADERS = (L_("Currency"), L_("1 unit in {base}"), L_("Set"))
MAX_RATE = Decimal(10**9)


def parse_rate(text: str, code: str, base: str) -> Decimal:
    try:
        rate = Decimal(text)
    except InvalidOperation:
        rate = None
    if rate is None or not rate.is_finite() or rate <= 0 or rate > MAX_RATE or rate.as_tuple().exponent < -10:
        raise UserError(NOT_RATE.format(token=text, base=base, code=code))
    return rate


def factor_micro(rate: Decimal, code: str, base: str) -> int:
    """The rate between minor units, times a million: 1 JPY = 0.0067 USD is 0.67 cents per yen."""
    shift = currency_exponent(base) - currency_exponent(code)
    return int((rate.scaleb(shift + 6)).to_integral_value(ROUND_HALF_UP))


def set_rate(call: Call) -> Reply:
    """`fx set <ISO> <rate>` (admins)."""
    call.reject_unknown_options(())
    code_token = call.arg(0, _("the currency code"))
    rate_token = call.arg(1, _("the rate"))
    call.reject_extra_args(2)
    base, code = call.workspace.currency, code_token.text.upper()
    if not is_currency(code):
        raise UserError(NOT_CURRENCY.format(token=code_token.text), call.usage)
    if code == base:
        raise UserError(SAME_AS_BASE.format(code=code), call.usage)
    rate = parse_rate(rate_token.text, code, base)
    factor = factor_micro(rate, code, base)
    if factor < 1:
        raise UserError(NOT_RATE.format(token=rate_token.text, base=base, code=code), call.usage)
    require_admin(call, _("set exchange rates"))
    shown = format(rate.normalize(), "f")
    call.ws.fx.set(base=base, currency=code, rate=shown, factor_micro=factor, actor_id=call.me.id, now=call.now)
    call.ws.audit.record(call.me.id, "fx.set", "workspace", call.workspace.id, call.now, currency=code, rate=shown)
    return Reply(text=RATE_SET.format(code=code, rate=shown, base=base))


def list_rates(call: Call) -> Reply:
    call.reject_unknown_options(())
    call.reject_extra_args(0)
    base = call.workspace.currency
    rates = call.ws.fx.all(base)
    if not rates:
        return Reply(text=NO_RATES.format(base=base))
    rows = tuple((r.currency, r.rate, shown_day(r.set_at.astimezone(call.zone), "%d %b %Y", with_year=True))
                 for r in rates)
    return Reply(text=RATES_TEXT.format(base=base), title=RATES_TITLE.format(base=base),
                 table=Table((RATES_HEADERS[0], RATES_HEADERS[1].format(base=base), RATES_HEADERS[2]), rows,
                             "lrl"))


def conversion_note(call: Call, mix: Iterable[CurrencyMix]) -> str | None:
    """One line saying which rates a total used and which deals it left out; None for a base-only total."""
    mix = tuple(mix)
    base = call.workspace.currency
    used = [RATE_USED.format(code=m.currency, rate=m.rate, day=_day(call, m)) for m in mix if m.rate is not None]
    missing = [LEFT_OUT_PART.format(count=m.count, deals=ngettext("deal", "deals", m.count), code=m.currency,
                                    amount=format_money(Money(m.amount_minor, m.currency)))
               for m in mix if m.rate is None]
    parts = ([CONVERTED.format(base=base, rates="; ".join(used))] if used else [])
    parts += [LEFT_OUT.format(parts=", ".join(missing))] if missing else []
    return " ".join(parts) or None


def _day(call: Call, mix: CurrencyMix) -> str:
    local = mix.set_at.astimezone(call.zone)
    return shown_day(local, f"{local.day} %b")


def join_footer(*parts: str | None) -> str | None:
    """Footers of a reply, in order, without the empty ones."""
    kept = [part for part in parts if part]
    return " ".join(kept) or None
