"""Overdue follow-ups in a digest: a rep's own tasks by name, a manager's as a count per rep."""
from __future__ import annotations

from dataclasses import replace

from handlers.call import Call
from handlers.reply import Fact, Reply
from handlers.scope import Scope
from handlers.tasks import wording
from handlers.tasks.due import describe_due

MAX_LISTED = 5


def overdue_fact(call: Call, scope: Scope) -> Fact | None:
    if scope.person_id is not None:
        return _mine(call, scope.person_id)
    counts = call.ws.tasks.overdue_counts(scope.owner_ids, call.now)
    if not counts:
        return None
    names = {p.id: p.display_name for p in call.ws.people.all()}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], names.get(item[0], "")))
    return Fact(wording.OVERDUE_LABEL, ", ".join(f"{names.get(pid, '?')} {count}" for pid, count in ranked))


def _mine(call: Call, person_id: int) -> Fact | None:
    tasks = call.ws.tasks.open_for({person_id}, call.now, MAX_LISTED)
    if not tasks:
        return None
    listed = "; ".join(wording.OVERDUE_MINE.format(id=t.id, title=t.title,
                                                   since=describe_due(t.due_at, t.has_time, call.zone))
                       for t in tasks)
    return Fact(wording.OVERDUE_LABEL, listed)


def with_overdue(call: Call, reply: Reply, scope: Scope) -> Reply:
    """The digest with its overdue follow-ups added (a quiet day's one line gains them too)."""
    fact = overdue_fact(call, scope)
    return reply if fact is None else replace(reply, facts=reply.facts + (fact,))
