"""What the forecast port returns: small frozen values owned by handlers and built by storage, no wording."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

CATEGORIES = ("commit", "best_case", "pipeline", "omitted")
OPEN_CATEGORIES = ("commit", "best_case", "pipeline")  # the open pipeline; omitted deals are left out
# The stages salesbot starts with; any other open stage is pipeline until `forecast map` says otherwise.
DEFAULT_MAP = {"lead": "pipeline", "qualified": "pipeline", "proposal": "best_case", "negotiation": "commit"}


@dataclass(frozen=True)
class CategorySum:
    """One person's deals of one category in the period, in the workspace currency (`closed` for won)."""

    owner_id: int
    category: str
    amount_minor: int
    count: int
    other_currency: int = 0  # deals in another currency, not in the amount


@dataclass(frozen=True)
class Rollup:
    """A scope's forecast in the period: the amount of each category, and the cumulative roll-ups."""

    closed: int = 0
    commit_only: int = 0
    best_case_only: int = 0
    pipeline_only: int = 0
    omitted: int = 0
    other_currency: int = 0

    @property
    def commit(self) -> int:
        """commit = closed + commit"""
        return self.closed + self.commit_only

    @property
    def best_case(self) -> int:
        """best case = closed + commit + best_case"""
        return self.commit + self.best_case_only

    @property
    def open_pipeline(self) -> int:
        """open pipeline = pipeline + best_case + commit"""
        return self.pipeline_only + self.best_case_only + self.commit_only


FIELDS = {"closed": "closed", "commit": "commit_only", "best_case": "best_case_only",
          "pipeline": "pipeline_only", "omitted": "omitted"}


def rollup(sums: list[CategorySum] | tuple[CategorySum, ...]) -> Rollup:
    """The roll-up of some people's category sums (the database summed each person's deals)."""
    totals = {name: 0 for name in FIELDS.values()}
    for row in sums:
        totals[FIELDS[row.category]] += row.amount_minor
    return Rollup(**totals, other_currency=sum(row.other_currency for row in sums))


@dataclass(frozen=True)
class ForecastDeal:
    """A deal behind a forecast number."""

    number: int
    name: str
    owner_id: int
    amount_minor: int
    currency: str
    stage: str
    expected_close: date | None
    category: str
    overridden: bool
    home_minor: int | None = None  # the amount in the workspace currency (None: no rate for its currency)


@dataclass(frozen=True)
class Submission:
    """A forecast submitted for a period (`scope` own: a rep's; team: a manager's for their teams)."""

    id: int
    person_id: int
    scope: str
    period_start: date
    commit_minor: int
    best_minor: int | None
    currency: str
    note: str
    by_id: int
    at: datetime
    as_computed: bool = False


@dataclass(frozen=True)
class MovementGroup:
    """Deals that moved the same way between two moments: `start_part` of them was in the open pipeline
    at the start, `end_part` at the end (each deal contributes end − start, so the parts balance)."""

    kind: str
    from_category: str | None
    to_category: str | None
    start_part: int
    end_part: int
    deals: int


@dataclass(frozen=True)
class Move:
    """One deal's move, for the biggest moves of each kind."""

    kind: str
    number: int
    name: str
    delta: int
    expected_close: date | None
    from_category: str | None = None  # its category at the start


@dataclass(frozen=True)
class Standing:
    """The submission that stood at a checkpoint, for one person (or one manager's team)."""

    person_id: int
    scope: str
    checkpoint: int
    commit_minor: int
    best_minor: int | None
