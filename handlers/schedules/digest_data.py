"""The numbers a digest shows, as one value, the seam that computes them, and the reader's yesterday."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from handlers.analytics.results import RiskDeal
from handlers.call import Call
from handlers.ports import WorkspacePort
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
    at_risk: tuple[RiskDeal, ...]

    @property
    def quiet_day(self) -> bool:
        return not any(self.activities.values()) and not any(count for count, _ in self.moves.values())


class DigestSource(Protocol):
    """Computes a scope's digest numbers as of `call.now`; `zone` is the reader's (for "yesterday")."""

    def numbers(self, call: Call, scope: Scope, zone: ZoneInfo) -> DigestNumbers: ...


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    return local_instant(day, time(0), zone), local_instant(day + timedelta(days=1), time(0), zone)


def yesterday(ws: WorkspacePort, owners: set[int] | None, today: date,
              zone: ZoneInfo) -> tuple[dict[int, int], dict[str, tuple[int, int]]]:
    """The reader's yesterday: activities per person, and deals created / advanced / won / lost."""
    start, end = day_bounds(today - timedelta(days=1), zone)
    stats, currency = ws.schedule_stats, ws.workspace.currency
    moves = {kind: (0, 0) for kind in ("created", "advanced", "won", "lost")}
    for total in stats.created(owners, start, end) + stats.moved(owners, start, end):
        if total.currency == currency:
            moves[total.kind] = (moves[total.kind][0] + total.count, moves[total.kind][1] + total.amount_minor)
    return stats.activity_counts(owners, start, end), moves
