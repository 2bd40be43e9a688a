"""The movement waterfall from the database's movement groups: start, each kind of move, end — for the
whole open pipeline and for each category (where a deal changing category leaves one and enters another)."""
from __future__ import annotations

from dataclasses import dataclass

from handlers.forecast.results import OPEN_CATEGORIES, MovementGroup

INCOMING = ("created", "pulled_in", "increased", "reopened", "restored", "reassigned_in", "included", "rated")
OUTGOING = ("decreased", "pushed_out", "lost", "won", "deleted", "reassigned_out", "omitted", "unrated")
BOTH = ("increased", "decreased", "unchanged")  # in the pipeline at both moments
ENTERED = tuple(kind for kind in INCOMING if kind not in BOTH)  # in it at the end only
LEFT = tuple(kind for kind in OUTGOING if kind not in BOTH)  # in it at the start only
ORDER = INCOMING + ("recategorised_in",) + OUTGOING + ("recategorised_out",)


@dataclass(frozen=True)
class Waterfall:
    """start + Σ steps = end; each step is (kind, signed amount, deals), in reading order."""

    start: int
    steps: tuple[tuple[str, int, int], ...]
    end: int

    @property
    def balances(self) -> bool:
        return self.start + sum(amount for _, amount, _ in self.steps) == self.end


def total_waterfall(groups: tuple[MovementGroup, ...]) -> Waterfall:
    steps: dict[str, list[int]] = {}
    for group in groups:
        if group.kind != "unchanged":
            _add(steps, group.kind, group.end_part - group.start_part, group.deals)
    return Waterfall(sum(g.start_part for g in groups), _ordered(steps), sum(g.end_part for g in groups))


def category_waterfall(groups: tuple[MovementGroup, ...], category: str) -> Waterfall:
    steps: dict[str, list[int]] = {}
    start = end = 0
    for group in groups:
        was, now = _counts(group, category)
        start += group.start_part if was else 0
        end += group.end_part if now else 0
        if was and now:
            if group.kind != "unchanged":
                _add(steps, group.kind, group.end_part - group.start_part, group.deals)
        elif was:
            _add(steps, "recategorised_out" if group.kind in BOTH else group.kind, -group.start_part, group.deals)
        elif now:
            _add(steps, "recategorised_in" if group.kind in BOTH else group.kind, group.end_part, group.deals)
    return Waterfall(start, _ordered(steps), end)


def by_category(groups: tuple[MovementGroup, ...]) -> dict[str, Waterfall]:
    return {category: category_waterfall(groups, category) for category in OPEN_CATEGORIES}


def _counts(group: MovementGroup, category: str) -> tuple[bool, bool]:
    """Whether the group's deals were in `category`'s pipeline at the start, and at the end."""
    was = group.kind in BOTH + LEFT and group.from_category == category
    now = group.kind in BOTH + ENTERED and group.to_category == category
    return was, now


def _add(steps: dict[str, list[int]], kind: str, amount: int, deals: int) -> None:
    entry = steps.setdefault(kind, [0, 0])
    entry[0] += amount
    entry[1] += deals


def _ordered(steps: dict[str, list[int]]) -> tuple[tuple[str, int, int], ...]:
    return tuple((kind, steps[kind][0], steps[kind][1]) for kind in ORDER if kind in steps)
