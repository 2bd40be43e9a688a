"""At-risk deals exactly as `risks` finds them (idle, overdue, pushed, stuck), for digests, agendas and nudges."""
from __future__ import annotations

from datetime import datetime, timedelta

from handlers.analytics.args import workspace_today
from handlers.analytics.results import RiskDeal
from handlers.call import Call


def at_risk(call: Call, owner_ids) -> tuple[RiskDeal, ...]:
    history = call.ws.analytics.history(call.now)
    return call.ws.analytics.risks(owner_ids, call.now, workspace_today(call), history.typical_stay_days())


def at_risk_since(call: Call, deal: RiskDeal) -> datetime:
    """When an idle or overdue deal crossed into risk (pushed and stuck deals count from now)."""
    starts = []
    if deal.idle_days is not None:
        starts.append(call.now - timedelta(days=deal.idle_days - call.workspace.risk_idle_days))
    if deal.overdue_days is not None:
        starts.append(call.now - timedelta(days=deal.overdue_days))
    return min(starts) if starts else call.now
