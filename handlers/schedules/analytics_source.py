"""Digest numbers from the analytics query layer (`ws.analytics`): the same figures `kpi` and `risks` show."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from handlers.analytics.args import Reading, workspace_today, workspace_zone
from handlers.analytics.funnel import bottleneck_sentence
from handlers.analytics.periods import parse_period
from handlers.call import Call
from handlers.schedules.digest_data import Attainment, DigestNumbers, yesterday
from handlers.scope import Scope, default_scope_word

PERIODS = (("Month to date", "month"), ("Quarter to date", "quarter"))
FUNNEL_PERIOD = "30d"  # what `funnel` shows by default, so the bottleneck sentence is the same
MAX_RISKS = 5


class AnalyticsDigestSource:
    """Pipeline, attainment, bottleneck and risks as `kpi`, `funnel` and `risks` compute them (periods in
    the workspace's zone, as there); yesterday's activity and moves in the reader's own zone."""

    def __init__(self) -> None:
        self._history: tuple[tuple[int, datetime], object] | None = None

    def history(self, call: Call):
        """The workspace's funnel history as of now: the same for every digest of a tick, so computed once."""
        key = (call.workspace.id, call.now)
        if self._history is None or self._history[0] != key:
            self._history = (key, call.ws.analytics.history(call.now))
        return self._history[1]

    def numbers(self, call: Call, scope: Scope, zone: ZoneInfo) -> DigestNumbers:
        analytics, today = call.ws.analytics, workspace_today(call)
        reports = [(label, analytics.kpi_report(scope, self._period(call, word), today)) for label, word in PERIODS]
        history = self.history(call)
        risks = analytics.risks(scope.owner_ids, call.now, today, history.typical_stay_days())
        owners = set(scope.owner_ids) if scope.owner_ids is not None else None
        reader_today = call.now.astimezone(zone).date()
        activities, moves = yesterday(call.ws, owners, reader_today, zone)
        month = reports[0][1].kpi
        return DigestNumbers(month.currency, reader_today.fromordinal(reader_today.toordinal() - 1), activities,
                             moves, month.open_pipeline, month.weighted_pipeline,
                             tuple(self._attainment(label, report) for label, report in reports),
                             self._bottleneck(call, scope, history), tuple(risks[:MAX_RISKS]))

    @staticmethod
    def _period(call: Call, word: str):
        return parse_period(word, workspace_today(call), workspace_zone(call))

    @staticmethod
    def _attainment(label: str, report) -> Attainment:
        target = report.attainment("won_value")
        if target is None:
            return Attainment(label, report.kpi.won_value, None, 0.0)
        return Attainment(label, target.actual, target.target, target.elapsed)

    def _bottleneck(self, call: Call, scope: Scope, history) -> str | None:
        window = self._period(call, FUNNEL_PERIOD)
        report = call.ws.analytics.funnel_report(scope, window, window.previous(), history)
        if report.bottleneck is None:
            return None
        word = "team" if scope.team_ids else default_scope_word(call)
        return bottleneck_sentence(call, Reading(scope, word, window, None, False), report)
