"""A tick's database work, grouped: the claims, the composing and the marks of the deliveries in flight each run
as one transaction for all of them (group commit), while every recipient keeps its own ledger entry."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Callable, Hashable, Iterable, TypeVar

from handlers.schedules.jobs import Job
from handlers.schedules.plan import Candidate
from storage.grouped import Grouped
from storage.schedules.ledger import Ledger, Outcome, Wanted
from storage.schedules.snapshot import mark_outbox_sent
from storage.store import Store

T = TypeVar("T")


class TickBatches:
    """`claim`, `compose` and `finish` for one delivery each; concurrent callers share a transaction.

    A caller returns only once its batch is committed: a claim is won before anything is sent, and a mark is
    durable before the delivery counts as done. A crash mid-batch commits none of it, which is a crash before
    the claim (nothing sent) or before the mark (the key is taken up again and, on Slack, looked for first).
    """

    def __init__(self, store: Store, ledger: Ledger, composer: Callable) -> None:
        self.store, self.ledger, self.composer = store, ledger, composer
        self.claim = Grouped(self._claims)
        self.compose = Grouped(self._composed)
        self.finish = Grouped(self._finished)

    async def settled(self) -> None:
        """Every claim, composing and mark handed in so far is committed (or has failed)."""
        for grouped in (self.claim, self.compose, self.finish):
            await grouped.settled()

    def _claims(self, items: list[tuple[Wanted, datetime]]) -> list[str | None]:
        """FIRST, AGAIN or None per wanted key (claimed as of its `now`)."""
        return _in_groups(items, key=lambda item: item[1],
                          run=lambda group, now: self.ledger.claim_many([wanted for wanted, _ in group], now))

    def _composed(self, items: list[tuple[Job, datetime]]) -> list:
        """Each job's Reply (or None, or the exception it raised), one read-only unit of work per workspace."""
        return _in_groups(items, key=lambda item: item[0].workspace_id, run=self._compose_workspace)

    def _compose_workspace(self, group: list[tuple[Job, datetime]], workspace_id: int) -> list:
        # Most messages only read (digests, agendas); the few that write (opening a feedback round) are re-run
        # as writers, so a fan-out's composing does not queue behind SQLite's one writer.
        try:
            return self.store.run_by_id(workspace_id, lambda ws: [self.composer(ws, job, now) for job, now in group],
                                        read_only=True)
        except Exception:  # one job's failure must not undo or fail the others: each on its own, as it fails
            return [self._compose_one(job, now) for job, now in group]

    def _compose_one(self, job: Job, now: datetime):
        try:
            return self.store.run_by_id(job.workspace_id, lambda ws: self.composer(ws, job, now), read_only=True)
        except Exception as error:
            return error

    def _finished(self, items: list[tuple[Outcome, datetime, Candidate]]) -> list[None]:
        """Mark each outcome; a settled outbox message is then marked sent so it is never queued again."""
        _in_groups(items, key=lambda item: item[1],
                   run=lambda group, now: self.ledger.finish_many([outcome for outcome, _, _ in group], now))
        for outcome, _, candidate in items:
            if outcome.status != "retry" and candidate.job.kind == "outbox":
                mark_outbox_sent(self.store.engine, candidate.job.ref_id)
        return [None] * len(items)


def _in_groups(items: list[T], key: Callable[[T], Hashable], run: Callable[[list[T], Hashable], Iterable]) -> list:
    """`run(group, key)` for each group of items sharing `key`; the answers back in the items' order."""
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for position, item in enumerate(items):
        groups[key(item)].append(position)
    answers: list = [None] * len(items)
    for shared, positions in groups.items():
        for position, answer in zip(positions, run([items[p] for p in positions], shared) or [None] * len(positions),
                                    strict=True):
            answers[position] = answer
    return answers
