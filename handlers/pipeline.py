"""`pipeline`: open deals by stage — count, value and probability-weighted value, in the base currency."""
from __future__ import annotations

from handlers.call import Call
from handlers.i18n import _
from handlers.fx import conversion_note
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
    totals = call.ws.analytics.pipeline(scope.owner_ids)
    note = conversion_note(call, call.ws.analytics.currency_mix(scope.owner_ids))
    if not totals:
        text = _("No open deals for {scope}. Add one with `deal add \"Name\" 12k`.").format(scope=scope.label)
        return Reply(text=text, footer=note)
    stages = [s for s in call.ws.stages.all() if s.outcome == "open"]
    return Reply(text=_("Open pipeline for {scope}.").format(scope=scope.label), title=_("Pipeline"),
                 table=Table((_("Stage"), _("Deals"), _("Value"), _("Win %"), _("Weighted")),
                             tuple(_rows(stages, totals, call.workspace.currency)), "lrrrr"), footer=note)


def _rows(stages, totals, currency: str) -> list[tuple[str, ...]]:
    """One row per stage in pipeline order, then the total."""
    probability = {s.name: s.probability for s in stages}
    order = {s.name: i for i, s in enumerate(stages)}
    money = lambda minor: format_money(Money(minor, currency))  # noqa: E731
    rows, count, value, weight = [], 0, 0, 0
    for t in sorted(totals, key=lambda t: order.get(t.stage, 99)):
        # Weighted value: amount × stage win probability, kept in integer minor units.
        weighted = t.amount_minor * probability.get(t.stage, 0) // 100
        rows.append((t.stage, str(t.count), money(t.amount_minor), f"{probability.get(t.stage, 0)}%", money(weighted)))
        count, value, weight = count + t.count, value + t.amount_minor, weight + weighted
    rows.append((_("Total"), str(count), money(value), "", money(weight)))
    return rows
