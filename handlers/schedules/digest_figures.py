"""What a digest shows, as one value, computed by the analytics query layer so it matches `kpi` and `risks`."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from handlers.analytics.args import Reading, workspace_today, workspace_zone
from handlers.analytics.funnel import bottleneck_sentence
from handlers.analytics.periods import parse_period
from handlers.call import Call
from handlers.i18n import N_
from handlers.analytics.results import FunnelReport, KpiReport, RiskDeal
from handlers.ports import WorkspacePort
from handlers.schedules.rules import local_instant
from handlers.scope import Scope, default_scope_word

PERIODS = ((N_("Month to date"), "month"), (N_("Quarter to date"), "quarter"))  # labels translated when shown
FUNNEL_PERIOD = "30d"  # what `funnel` shows by default, so the bottleneck sentence is the same
MAX_RISKS = 5
MICRO = 1_000_000  # exchange-rate factors are stored in millionths


@dataclass(frozen=True)
class WonInPeriod:
    """One attainment line of a digest: won so far in a labelled period against its `won_value` target
    (None without one); `pace` is the share of the period already gone."""

    label: str
    won_minor: int
    target_minor: int | None
    pace: float


@dataclass(frozen=True)
class DigestFigures:
    """Everything a digest shows for one scope, in the workspace currency (minor units)."""

    currency: str
    day: date
    activities: dict[int, int]
    moves: dict[str, tuple[int, int]]  # created/advanced/won/lost -> (count, amount)
    open_minor: int
    weighted_minor: int
    attainment: tuple[WonInPeriod, ...]
    bottleneck: str | None
    at_risk: tuple[RiskDeal, ...]
    risk_count: int = 0  # every at-risk deal of the scope; `at_risk` holds the first few

    @property
    def quiet_day(self) -> bool:
        return not any(self.activities.values()) and not any(count for count, _ in self.moves.values())


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    return local_instant(day, time(0), zone), local_instant(day + timedelta(days=1), time(0), zone)


def yesterday(ws: WorkspacePort, owners: set[int] | None, today: date,
              zone: ZoneInfo) -> tuple[dict[int, int], dict[str, tuple[int, int]]]:
    """The reader's yesterday: activities per person, and deals created / advanced / won / lost."""
    start, end = day_bounds(today - timedelta(days=1), zone)
    stats, currency = ws.schedule_stats, ws.workspace.currency
    # Per-currency sums from the database, converted at the workspace's rates (none: counted, not summed).
    factors = {rate.currency: rate.factor_micro for rate in ws.fx.all(currency)} | {currency: MICRO}
    moves = {kind: (0, 0) for kind in ("created", "advanced", "won", "lost")}
    for total in stats.created(owners, start, end) + stats.moved(owners, start, end):
        amount = total.amount_minor * factors.get(total.currency, 0) // MICRO
        moves[total.kind] = (moves[total.kind][0] + total.count, moves[total.kind][1] + amount)
    return stats.activity_counts(owners, start, end), moves


class DigestFigureSource:
    """Pipeline, attainment, bottleneck and risks as `kpi`, `funnel` and `risks` compute them (periods in
    the workspace's zone, as there); yesterday's activity and moves in the reader's own zone.

    Whoever composes digests holds one: a scheduler for its ticks, a command for its one digest. The
    workspace's funnel history is the same for every digest of a tick, so it is computed once per
    (workspace, instant)."""

    def __init__(self) -> None:
        self._history: tuple[tuple[int, datetime], object] | None = None

    def history(self, call: Call):
        key = (call.workspace.id, call.now)
        if self._history is None or self._history[0] != key:
            self._history = (key, call.ws.analytics.history(call.now))
        return self._history[1]

    def figures(self, call: Call, scope: Scope, zone: ZoneInfo) -> DigestFigures:
        numbers = self.numbers(call, scope)
        owners = set(scope.owner_ids) if scope.owner_ids is not None else None
        reader_today = call.now.astimezone(zone).date()
        activities, moves = yesterday(call.ws, owners, reader_today, zone)
        month, risks = numbers.kpis[0].kpi, numbers.risks
        return DigestFigures(month.currency, reader_today - timedelta(days=1), activities, moves,
                             month.open_pipeline, month.weighted_pipeline,
                             tuple(_won_in_period(label, report) for (label, _), report in zip(PERIODS, numbers.kpis)),
                             _bottleneck(call, scope, numbers.funnel), tuple(risks[:MAX_RISKS]), len(risks))

    def numbers(self, call: Call, scope: Scope) -> DigestNumbers:
        """The scope's reports, one query set for this one digest (`digest_batch` reads many at once)."""
        analytics, today, history = call.ws.analytics, workspace_today(call), self.history(call)
        window = _period(call, FUNNEL_PERIOD)
        return DigestNumbers(tuple(analytics.kpi_report(scope, _period(call, word), today, full=False)
                                   for _, word in PERIODS),
                             analytics.funnel_report(scope, window, window.previous(), history, stays=False),
                             analytics.risks(scope.owner_ids, call.now, today, history.typical_stay_days()))


@dataclass(frozen=True)
class DigestNumbers:
    """The reports a digest's figures come from: KPI per period of PERIODS, the funnel, the deals at risk."""

    kpis: tuple[KpiReport, ...]
    funnel: FunnelReport
    risks: tuple[RiskDeal, ...]


def _period(call: Call, word: str):
    return parse_period(word, workspace_today(call), workspace_zone(call))


def _won_in_period(label: str, report) -> WonInPeriod:
    target = report.attainment("won_value")
    if target is None:
        return WonInPeriod(label, report.kpi.won_value, None, 0.0)
    return WonInPeriod(label, target.actual, target.target, target.elapsed)


def _bottleneck(call: Call, scope: Scope, report: FunnelReport) -> str | None:
    window = _period(call, FUNNEL_PERIOD)
    if report.bottleneck is None:
        return None
    word = "team" if scope.team_ids else default_scope_word(call)
    return bottleneck_sentence(call, Reading(scope, word, window, None, False), report)
