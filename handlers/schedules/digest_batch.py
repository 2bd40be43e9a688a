"""The morning batch: every subscriber's digest numbers of a workspace read at once, then each digest rendered.

The scheduler's figure source. The first digest a tick composes for a workspace reads the reports of every
active digest subscriber's scope in one set of grouped queries (storage/analytics/batch.py: the statements
`kpi`, `funnel` and `risks` run, grouped); the other digests of that tick take theirs from the result. A
scope the batch did not cover (someone who subscribed since) is read on its own, as `digest preview` does.
"""
from __future__ import annotations

import threading
from datetime import datetime, timedelta

from handlers.analytics.args import workspace_today
from handlers.call import Call
from handlers.schedules.digest import own_scope
from handlers.schedules.rules import occurrences, stored_rule
from handlers.schedules.digest_figures import FUNNEL_PERIOD, PERIODS, DigestFigureSource, DigestNumbers, _period
from handlers.scope import Scope


# A digest is sent up to the scheduler's grace period late (missed ticks, retries): those count as due now.
DUE_WITHIN = timedelta(hours=2)


def scope_key(scope: Scope) -> tuple:
    return scope.owner_ids, scope.person_id, scope.team_ids


class BatchFigureSource(DigestFigureSource):
    """Digest figures from one batch per (workspace, instant); shared by the tick's concurrent deliveries."""

    def __init__(self) -> None:
        super().__init__()
        # By (workspace, instant): a tick's deliveries to several workspaces interleave.
        self._batches: dict[tuple[int, datetime], dict[tuple, DigestNumbers]] = {}
        self._lock = threading.Lock()  # deliveries compose in threads: the first reads, the others wait for it

    def numbers(self, call: Call, scope: Scope) -> DigestNumbers:
        key = (call.workspace.id, call.now)
        with self._lock:
            if key not in self._batches:
                self._batches = {k: v for k, v in self._batches.items() if k[1] == call.now}  # an earlier tick's
                self._batches[key] = self._read(call)
            found = self._batches[key].get(scope_key(scope))
        return found if found is not None else super().numbers(call, scope)

    def _read(self, call: Call) -> dict[tuple, DigestNumbers]:
        scopes = list({scope_key(scope): scope for scope in subscriber_scopes(call)}.values())
        return dict(zip(map(scope_key, scopes), batch_numbers(call, scopes, self.history(call))))


def subscriber_scopes(call: Call) -> list[Scope]:
    """The scope of every digest subscriber of the workspace due now or lately (each as their own digest
    resolves it): the others' digests go out in other ticks, which read their own batch."""
    people = set()
    for schedule in call.ws.schedules.active("digest"):
        person = call.ws.people.get(schedule.owner_id)
        if person is not None and person.id not in people:
            if occurrences(stored_rule(schedule), Call.as_person(call.ws, person, call.now).zone,
                           call.now - DUE_WITHIN, call.now):
                people.add(person.id)
    return [own_scope(Call.as_person(call.ws, call.ws.people.get(person_id), call.now, "digest preview"))
            for person_id in sorted(people)]


def batch_numbers(call: Call, scopes: list[Scope], history) -> list[DigestNumbers]:
    """DigestFigureSource.numbers of each scope, in order, from the grouped queries."""
    analytics, today = call.ws.analytics, workspace_today(call)
    kpis = [analytics.kpi_reports(scopes, _period(call, word), today, full=False) for _, word in PERIODS]
    window = _period(call, FUNNEL_PERIOD)
    funnels = analytics.funnel_reports(scopes, window, window.previous(), history, stays=False)
    risks = analytics.risks_of(scopes, call.now, today, history.typical_stay_days())
    return [DigestNumbers(tuple(per_period[index] for per_period in kpis), funnels[index], risks[index])
            for index in range(len(scopes))]
