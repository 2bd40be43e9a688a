"""`pipeline`: open deals by stage — count, value and probability-weighted value."""
from __future__ import annotations

from handlers.call import Call
from handlers.parsing.money import Money, format_money
from handlers.permissions import require_read
from handlers.reply import Reply, Table
from handlers.scope import resolve_scope


def show_pipeline(call: Call) -> Reply:
    """`pipeline [mine|team|@person|all]`."""
    call.reject_unknown_options(())
    scope = resolve_scope(call, call.args[0] if call.args else None)
    call.reject_extra_args(1)
    require_read(call, scope.owner_ids)
    owners = set(scope.owner_ids) if scope.owner_ids is not None else None
    totals = call.ws.deals.pipeline(owners)
    if not totals:
        return Reply(text=f"No open deals for {scope.label}. Add one with `deal add \"Name\" 12k`.")
    stages = [s for s in call.ws.stages.all() if s.outcome == "open"]
    rows, currencies = _rows(stages, totals, call.workspace.currency)
    return Reply(text=f"Open pipeline for {scope.label}.", title="Pipeline",
                 table=Table(("Stage", "Deals", "Value", "Win %", "Weighted"), tuple(rows), "lrrrr"),
                 footer=None if len(currencies) == 1 else "Amounts in different currencies are shown separately.")


def _rows(stages, totals, home_currency: str) -> tuple[list[tuple[str, ...]], set[str]]:
    """One row per stage (and currency), in pipeline order, then a total row per currency."""
    probability = {s.name: s.probability for s in stages}
    order = {s.name: i for i, s in enumerate(stages)}
    currencies = {t.currency for t in totals}
    rows, sums = [], {}
    for t in sorted(totals, key=lambda t: (t.currency != home_currency, t.currency, order.get(t.stage, 99))):
        label = t.stage if len(currencies) == 1 else f"{t.stage} ({t.currency})"
        # Weighted value: amount × stage win probability, kept in integer minor units.
        weighted = t.amount_minor * probability.get(t.stage, 0) // 100
        rows.append((label, str(t.count), format_money(Money(t.amount_minor, t.currency)),
                     f"{probability.get(t.stage, 0)}%", format_money(Money(weighted, t.currency))))
        count, value, weight = sums.get(t.currency, (0, 0, 0))
        sums[t.currency] = (count + t.count, value + t.amount_minor, weight + weighted)
    for currency, (count, value, weight) in sums.items():
        label = "Total" if len(currencies) == 1 else f"Total ({currency})"
        rows.append((label, str(count), format_money(Money(value, currency)), "",
                     format_money(Money(weight, currency))))
    return rows, currencies
