"""The numbers a digest shows, as one value, and the seam that computes them (core data today)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from handlers.ports import Record, WorkspacePort
from handlers.schedules.rules import local_instant
from handlers.scope import Scope


@dataclass(frozen=True)
class Attainment:
    """Won so far in a period against its target; `pace` is the share of the period already gone."""

    label: str
    won_minor: int
    target_minor: int | None
    pace: float


@dataclass(frozen=True)
class DigestNumbers:
    """Everything a digest shows for one scope, in the workspace currency (minor units)."""

    currency: str
    day: date
    activities: dict[int, int]
    moves: dict[str, tuple[int, int]]  # created/advanced/won/lost -> (count, amount)
    open_minor: int
    weighted_minor: int
    attainment: tuple[Attainment, ...]
    bottleneck: str | None
    at_risk: tuple[Record, ...]

    @property
    def quiet_day(self) -> bool:
        return not any(self.activities.values()) and not any(count for count, _ in self.moves.values())


class DigestSource(Protocol):
    """Computes a scope's digest numbers; the analytics query layer can stand in for the core one."""

    def numbers(self, ws: WorkspacePort, scope: Scope, now: datetime, zone: ZoneInfo) -> DigestNumbers: ...


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    return local_instant(day, time(0), zone), local_instant(day + timedelta(days=1), time(0), zone)


def period_starts(today: date) -> tuple[tuple[str, date, date], ...]:
    """(label, first day, last day) of the current month and quarter."""
    month_end = (today.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    q_first = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    q_next = (q_first.replace(day=28) + timedelta(days=70)).replace(day=1)
    return (("Month to date", today.replace(day=1), month_end),
            ("Quarter to date", q_first, q_next - timedelta(days=1)))


class CoreDigestSource:
    """Digest numbers from the core tables (deals, stage changes, activities, targets)."""

    target_metric = "won"

    def numbers(self, ws: WorkspacePort, scope: Scope, now: datetime, zone: ZoneInfo) -> DigestNumbers:
        owners = set(scope.owner_ids) if scope.owner_ids is not None else None
        today = now.astimezone(zone).date()
        start, end = day_bounds(today - timedelta(days=1), zone)
        stats, currency = ws.schedule_stats, ws.workspace.currency
        moves = {kind: (0, 0) for kind in ("created", "advanced", "won", "lost")}
        for total in stats.created(owners, start, end) + stats.moved(owners, start, end):
            if total.currency == currency:
                moves[total.kind] = (moves[total.kind][0] + total.count, moves[total.kind][1] + total.amount_minor)
        open_minor, weighted = self._pipeline(ws, owners, currency)
        idle_since = now - timedelta(days=ws.workspace.risk_idle_days)
        return DigestNumbers(currency, today - timedelta(days=1), stats.activity_counts(owners, start, end), moves,
                             open_minor, weighted, self._attainment(ws, scope, now, zone),
                             self._bottleneck(ws, owners), tuple(stats.at_risk(owners, idle_since, today)))

    @staticmethod
    def _pipeline(ws: WorkspacePort, owners: set[int] | None, currency: str) -> tuple[int, int]:
        probability = {s.name: s.probability for s in ws.stages.all()}
        totals = [t for t in ws.deals.pipeline(owners) if t.currency == currency]
        return (sum(t.amount_minor for t in totals),
                sum(t.amount_minor * probability.get(t.stage, 0) // 100 for t in totals))

    def _attainment(self, ws: WorkspacePort, scope: Scope, now: datetime, zone: ZoneInfo) -> tuple[Attainment, ...]:
        owners = set(scope.owner_ids) if scope.owner_ids is not None else None
        today = now.astimezone(zone).date()
        rows = []
        for label, first, last in period_starts(today):
            won = ws.schedule_stats.won_between(owners, ws.workspace.currency, day_bounds(first, zone)[0], now)
            target = ws.schedule_stats.target_total(self.target_metric, owners, scope.team_ids, first, last)
            pace = ((today - first).days + 1) / ((last - first).days + 1)
            rows.append(Attainment(label, won, target, pace))
        return tuple(rows)

    @staticmethod
    def _bottleneck(ws: WorkspacePort, owners: set[int] | None) -> str | None:
        """Where open deals pile up: the open stage holding the most deals."""
        totals = ws.deals.pipeline(owners)
        counts: dict[str, int] = {}
        for total in totals:
            counts[total.stage] = counts.get(total.stage, 0) + total.count
        if not counts:
            return None
        stage, count = max(counts.items(), key=lambda item: item[1])
        return f"{count} of {sum(counts.values())} open deals sit in {stage}: that is where the funnel narrows."
