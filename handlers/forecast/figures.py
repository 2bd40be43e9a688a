"""A scope's forecast figures for a period: each person's roll-up, target, latest submission and the
manager's adjustment, the team's total, and who has not submitted this week — shared by every view."""
from __future__ import annotations

from dataclasses import dataclass

from handlers.analytics.periods import Period
from handlers.call import Call
from handlers.forecast.args import week_start
from handlers.forecast.results import CategorySum, Rollup, Submission, rollup
from handlers.records import Person
from handlers.scope import Scope


@dataclass(frozen=True)
class PersonFigures:
    person: Person
    rollup: Rollup
    target: int | None
    submission: Submission | None
    adjustment: Submission | None


@dataclass(frozen=True)
class ScopeFigures:
    period: Period
    people: tuple[PersonFigures, ...]
    total: Rollup
    target: int | None
    team_calls: tuple[tuple[Person, Submission | None, Submission | None], ...]  # managers' team numbers
    missing: tuple[Person, ...]


def scope_people(call: Call, scope: Scope) -> list[Person]:
    everyone = call.ws.people.all()
    return [p for p in everyone if scope.owner_ids is None or p.id in scope.owner_ids]


def scope_figures(call: Call, scope: Scope, period: Period) -> ScopeFigures:
    people = scope_people(call, scope)
    ids = None if scope.owner_ids is None else set(scope.owner_ids)
    sums = call.ws.forecast.category_sums(ids, period)
    submitted = _latest(call.ws.forecast.submissions(ids, period.first_day, call.now))
    adjusted = _latest(call.ws.forecast.adjustments(ids, period.first_day, call.now))
    rows = tuple(_person(call, person, sums, submitted, adjusted, period) for person in people
                 if person.role == "rep" or any(s.owner_id == person.id for s in sums)
                 or (person.id, "own") in submitted)
    since = week_start(call)
    missing = tuple(p for p in people if p.role == "rep" and not _since(submitted.get((p.id, "own")), since))
    calls = tuple((p, submitted.get((p.id, "team")), adjusted.get((p.id, "team"))) for p in people
                  if p.role == "manager" and (scope.person_id is None or scope.person_id == p.id)
                  and call.ws.teams.managed_by(p))
    target = call.ws.forecast.won_target(scope.person_id, scope.team_ids, ids, period)
    return ScopeFigures(period, rows, rollup(sums), target, calls, missing)


def _person(call: Call, person: Person, sums: tuple[CategorySum, ...], submitted: dict, adjusted: dict,
            period: Period) -> PersonFigures:
    own = [s for s in sums if s.owner_id == person.id]
    target = call.ws.forecast.won_target(person.id, (), {person.id}, period)
    return PersonFigures(person, rollup(own), target, submitted.get((person.id, "own")),
                         adjusted.get((person.id, "own")))


def _latest(rows: tuple[Submission, ...]) -> dict[tuple[int, str], Submission]:
    return {(row.person_id, row.scope): row for row in rows}


def _since(submission: Submission | None, since) -> bool:
    return submission is not None and submission.at >= since
