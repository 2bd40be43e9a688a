"""The line a forecast carries when other currencies count in it: the workspace's rates, and when each was set."""
from __future__ import annotations

from handlers.i18n.dates import local_day
from handlers.call import Call
from handlers.forecast import wording
from handlers.i18n import active_locale
from handlers.reply import Fact


def rates_fact(call: Call, movement: bool = False) -> Fact | None:
    """`USD totals: EUR at 1.08, set 1 Dec`; None while the workspace has no rates (base-only totals)."""
    base = call.workspace.currency
    rates = call.ws.fx.all(base)
    if not rates:
        return None
    used = "; ".join(wording.RATE_USED.format(code=r.currency, rate=r.rate, day=_day(call, r.set_at))
                     for r in rates)
    text = wording.RATES_USED.format(base=base, rates=used)
    return Fact(wording.RATES, wording.RATES_BOTH_ENDS.format(rates=text) if movement else text)


def _day(call: Call, at) -> str:
    local = at.astimezone(call.zone)
    return f"{local.day} {local:%b}" if active_locale().startswith("en") else local_day(local, "", "MMMd")
