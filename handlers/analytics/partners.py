"""`partners`: the channel view — won value, win rate and open pipeline per partner."""
from __future__ import annotations

from handlers.i18n import _
from handlers.analytics import wording
from handlers.analytics.args import read_arguments, workspace_today
from handlers.call import Call
from handlers.fx import conversion_note, join_footer
from handlers.reply import Reply, Table


def show_partners(call: Call) -> Reply:
    """`partners [mine|team|@person|all|<team>] [period]`."""
    reading = read_arguments(call, default_period="quarter")
    rows = call.ws.analytics.partners(reading.scope.owner_ids, reading.period)
    period_text = wording.describe_period(reading.period, workspace_today(call))
    names = {"scope": reading.scope.label, "period": period_text}
    if not any(row.partner_id is not None for row in rows):
        return Reply(text=wording.PARTNERS_EMPTY.format(**names))
    currency = call.workspace.currency
    table = tuple((row.name or wording.DIRECT, wording.money(row.won_value, currency), str(row.won_count),
                   wording.percent(row.win_rate), wording.money(row.open_pipeline, currency), str(row.open_count))
                  for row in rows)
    return Reply(text=wording.PARTNERS_TEXT.format(**names), title=_("Partners"),
                 table=Table(wording.PARTNERS_HEADERS, table, "lrrrrr"),
                 footer=join_footer(wording.PARTNERS_FOOTER.format(currency=currency) + _registrations(call, reading),
                                    conversion_note(call, call.ws.analytics.currency_mix(reading.scope.owner_ids,
                                                                                         reading.period))))


def _registrations(call: Call, reading) -> str:
    """Partner registrations asked for (`approval ask #12 registration`) on the scope's deals, by status."""
    owners = reading.scope.owner_ids
    counts = call.ws.rhythm.approvals.status_counts("registration", set(owners) if owners is not None else None)
    if not counts:
        return ""
    shown = ", ".join(f"{counts[status]} {wording.REGISTRATION_STATUSES[status]}"
                      for status in ("approved", "pending", "rejected") if counts.get(status))
    return wording.PARTNERS_REGISTRATIONS.format(counts=shown)
