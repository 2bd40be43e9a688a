"""What the analytics port returns: small frozen values owned by handlers and built by storage, no wording."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

METRICS = ("won_value", "won_count", "activities", "new_pipeline")
# A stage's usual stay is only trusted once this many stays in it have ended.
MIN_STAYS = 5
MONEY_METRICS = frozenset({"won_value", "new_pipeline"})


def ratio(part: int | None, whole: int | None) -> float | None:
    """part ÷ whole, or None when there is nothing to divide by ("no data", never 0% or an error)."""
    if part is None or not whole:
        return None
    return part / whole


@dataclass(frozen=True)
class StageFlow:
    """One funnel stage in a period: deals that entered it, moved on from it, and were won after it."""

    stage: str
    entered: int
    moved_on: int | None  # None for the won stage: nothing comes after it
    won: int | None
    median_days: float | None  # stays in this stage that ended in the period
    stays: int = 0  # how many such stays the median is taken over

    @property
    def to_next(self) -> float | None:
        return ratio(self.moved_on, self.entered)

    @property
    def to_won(self) -> float | None:
        return ratio(self.won, self.entered)


@dataclass(frozen=True)
class Funnel:
    """The stages in pipeline order (open stages, then won) over [start, end)."""

    start: datetime
    end: datetime
    stages: tuple[StageFlow, ...]

    def stage(self, name: str) -> StageFlow | None:
        return next((flow for flow in self.stages if flow.stage == name), None)

    @property
    def has_data(self) -> bool:
        return any(flow.entered for flow in self.stages)

    def typical_stay_days(self, min_stays: int = MIN_STAYS) -> dict[str, float]:
        """Median days per open stage, for those with at least `min_stays` ended stays."""
        return {flow.stage: flow.median_days for flow in self.stages
                if flow.moved_on is not None and flow.median_days is not None and flow.stays >= min_stays}


@dataclass(frozen=True)
class Bottleneck:
    """The step of the funnel that most needs attention, and what it was compared with."""

    stage: str
    next_stage: str
    entered: int
    moved_on: int
    conversion: float
    reference: float | None  # the earlier conversion it fell from; None when kind is "lowest"
    kind: str  # "previous" (period before), "history" (workspace's own history) or "lowest"


@dataclass(frozen=True)
class FunnelReport:
    """A funnel with what it is judged against: the previous period (flow only, no median days), the
    workspace history, and the bottleneck."""

    current: Funnel
    previous: Funnel
    history: Funnel
    bottleneck: Bottleneck | None


@dataclass(frozen=True)
class Kpi:
    """Key numbers of a scope in a period; money is in the workspace currency only (minor units)."""

    currency: str
    won_count: int  # every currency
    won_value: int
    won_count_home: int  # won deals in the workspace currency (the average deal size divides by this)
    lost_count: int
    open_count: int
    open_pipeline: int
    weighted_pipeline: int
    new_count: int
    new_pipeline: int
    median_cycle_days: float | None
    activities: tuple[tuple[str, int], ...]
    other_currency_deals: int  # won or open deals left out of the money sums

    @property
    def win_rate(self) -> float | None:
        return ratio(self.won_count, self.won_count + self.lost_count)

    @property
    def average_deal(self) -> int | None:
        return self.won_value // self.won_count_home if self.won_count_home else None

    @property
    def activity_total(self) -> int:
        return sum(count for _, count in self.activities)

    def actual(self, metric: str) -> int:
        """The value a target of `metric` is measured against."""
        return {"won_value": self.won_value, "won_count": self.won_count,
                "activities": self.activity_total, "new_pipeline": self.new_pipeline}[metric]


@dataclass(frozen=True)
class RiskDeal:
    """An open deal at risk, with every reason that applies (a flag and the figure behind it)."""

    deal_id: int
    number: int
    name: str
    owner_id: int
    stage: str
    amount_minor: int
    currency: str
    idle_days: int | None  # set when idle at least the workspace's limit
    overdue_days: int | None  # set when the expected close date has passed
    close_pushes: int | None  # set when pushed two or more times
    stage_days: float | None  # set when in the stage more than twice the workspace median
    stage_median: float | None
    follow_up_since: datetime | None = None  # set when a follow-up task on the deal is overdue

    @property
    def reasons(self) -> tuple[str, ...]:
        flags = (("idle", self.idle_days), ("overdue", self.overdue_days), ("pushed", self.close_pushes),
                 ("slow", self.stage_days), ("follow-up", self.follow_up_since))
        return tuple(name for name, value in flags if value is not None)


@dataclass(frozen=True)
class PartnerRow:
    """One partner (None = deals with no partner): won and lost in the period, open pipeline now."""

    partner_id: int | None
    name: str | None
    won_value: int
    won_count: int
    lost_count: int
    open_pipeline: int
    open_count: int

    @property
    def win_rate(self) -> float | None:
        return ratio(self.won_count, self.won_count + self.lost_count)


@dataclass(frozen=True)
class TargetValue:
    """A target as set: `value` of `metric` for a person or a team over [period_start, period_end]."""

    id: int
    person_id: int | None
    team_id: int | None
    metric: str
    period_label: str
    period_start: date
    period_end: date
    value: int


@dataclass(frozen=True)
class TargetProgress:
    """Progress on one target: actual against target, and against pace (target × elapsed part of the period)."""

    metric: str
    actual: int
    target: int
    elapsed: float  # 0..1, by days, today included

    @property
    def ratio(self) -> float | None:
        return ratio(self.actual, self.target)

    @property
    def pace(self) -> int:
        return round(self.target * self.elapsed)

    @property
    def remaining(self) -> int:
        return max(self.target - self.actual, 0)


class ReportScope(Protocol):
    """Whose numbers a report counts: deal owners / activity loggers (None = everyone), and the person or the
    teams whose targets apply (handlers.scope.Scope is one)."""

    @property
    def owner_ids(self) -> frozenset[int] | None: ...
    @property
    def person_id(self) -> int | None: ...
    @property
    def team_ids(self) -> tuple[int, ...]: ...


class Window(Protocol):
    """A period as UTC instants [start, end) and as the calendar days it covers in the workspace's timezone
    (handlers.analytics.periods.Period is one)."""

    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime: ...
    @property
    def first_day(self) -> date: ...
    @property
    def last_day(self) -> date: ...


@dataclass(frozen=True)
class KpiReport:
    """KPI numbers with progress on every target the scope has for the period."""

    kpi: Kpi
    attainments: tuple[TargetProgress, ...]

    def attainment(self, metric: str) -> TargetProgress | None:
        return next((a for a in self.attainments if a.metric == metric), None)


@dataclass(frozen=True)
class ActivityCount:
    """Activities logged in a period by one person and/or of one kind (None where not grouped by it)."""

    count: int
    person_id: int | None = None
    kind: str | None = None


@dataclass(frozen=True)
class OpenTotal:
    """A person's open deals now, in the workspace currency: how many, and their summed amount (minor units)."""

    person_id: int
    count: int
    amount_minor: int


@dataclass(frozen=True)
class CurrencyMix:
    """Deals of a total in one currency other than the base: how many, their sum in that currency, and the
    rate they were converted at (None: no rate, so they were left out)."""

    currency: str
    count: int
    amount_minor: int
    rate: str | None
    set_at: datetime | None


@dataclass(frozen=True)
class StagePipeline:
    """Open deals in one stage: how many, and their value converted to the base currency."""

    stage: str
    count: int
    amount_minor: int
