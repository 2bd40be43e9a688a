"""The rhythm lines of a digest and a meeting agenda: kudos, training, approvals waiting, lapsed key accounts,
intel, CSAT."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from handlers.call import Call
from handlers.i18n import ngettext
from handlers.i18n.dates import shown_day
from handlers.reply import Fact
from handlers.rhythm import wording
from handlers.rhythm.key_care import lapsed_fact
from handlers.rhythm.text import one_decimal
from handlers.scope import Scope

WEEK = timedelta(days=7)
WAITING = timedelta(days=1)
MAX_ITEMS = 5


def rhythm_facts(call: Call, scope: Scope, manager: bool) -> tuple[Fact, ...]:
    """A rep's digest gets their own items; a manager's gets the team's counts and the week's intel."""
    owners = set(scope.owner_ids) if scope.owner_ids is not None else None
    parts = [_approvals_waiting(call), lapsed_fact(call.ws, owners, call.now)]
    if manager:
        parts += [_kudos(call, owners), _overdue_training(call, owners), _csat(call, owners)]
        parts += intel_lines(call, owners, call.now - WEEK)
    else:
        parts += [_open_training(call)]
    return tuple(fact for fact in parts if fact is not None)


def _approvals_waiting(call: Call) -> Fact | None:
    waiting = call.ws.rhythm.approvals.pending_for(call.me.id, call.now - WAITING)
    if not waiting:
        return None
    ids = ", ".join(str(a.id) for a in waiting[:MAX_ITEMS])
    return Fact(wording.DIGEST_LABELS["approvals"], wording.DIGEST_APPROVALS.format(count=len(waiting), ids=ids,
                                                           approvals=ngettext("request", "requests", len(waiting))))


def _kudos(call: Call, owners: set[int] | None) -> Fact | None:
    counts = call.ws.rhythm.kudos.received_counts(owners, call.now - WEEK, call.now)
    if not counts:
        return None
    return Fact(wording.DIGEST_LABELS["kudos"], _per_person(call, counts))


def _overdue_training(call: Call, owners: set[int] | None) -> Fact | None:
    counts = call.ws.rhythm.training.overdue_counts(owners, call.today)
    if not counts:
        return None
    return Fact(wording.DIGEST_LABELS["training_overdue"], _per_person(call, counts))


def _open_training(call: Call) -> Fact | None:
    pairs = call.ws.rhythm.training.assigned({call.me.id}, open_only=True, limit=MAX_ITEMS)
    if not pairs:
        return None
    items = "; ".join(f"{item.title} ({item.id}"
                      f"{wording.TRAINING_DUE.format(due=shown_day(item.due, '%d %b')) if item.due else ''})"
                      for item, _assignment in pairs)
    return Fact(wording.DIGEST_LABELS["training_open"], items)


def _csat(call: Call, owners: set[int] | None) -> Fact | None:
    accounts = None if owners is None else call.ws.rhythm.csat.accounts_of_owners(owners)
    counts = call.ws.rhythm.csat.distribution(accounts, call.now - WEEK, call.now)
    total = sum(counts.values())
    if not total:
        return None
    low = sum(n for score, n in counts.items() if score <= 2)
    return Fact(wording.DIGEST_LABELS["csat"], wording.DIGEST_CSAT.format(
        average=one_decimal(sum(s * n for s, n in counts.items()) / total), count=total,
        scores=ngettext("score", "scores", total),
        low=wording.DIGEST_CSAT_LOW.format(count=low) if low else ""))


def intel_lines(call: Call, owners: set[int] | None, since: datetime) -> list[Fact]:
    """The intel since `since` grouped by competitor, and lost deals' reasons grouped beside it."""
    notes = call.ws.rhythm.intel.listing(owners, since, call.now + timedelta(seconds=1))
    facts = []
    if notes:
        groups = Counter(n.competitor or wording.INTEL_NO_COMPETITOR for n in notes)
        latest = {}
        for note in notes:
            latest.setdefault(note.competitor or wording.INTEL_NO_COMPETITOR, note.note)
        shown = "; ".join(f"{name} ×{count}: “{_short(latest[name])}”" for name, count in groups.most_common(MAX_ITEMS))
        facts.append(Fact(wording.DIGEST_LABELS["intel"], shown))
    reasons = call.ws.rhythm.intel.lost_reasons(owners, since, call.now + timedelta(seconds=1))
    if reasons:
        shown = "; ".join(f"{reason} ×{count}" for reason, count in reasons[:MAX_ITEMS])
        facts.append(Fact(wording.DIGEST_LABELS["lost"], shown))
    return facts


def _per_person(call: Call, counts: dict[int, int]) -> str:
    names = {p.id: p.display_name for p in call.ws.people.all()}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], names.get(item[0], "")))
    return ", ".join(f"{names.get(pid, '?')} {count}" for pid, count in ranked[:MAX_ITEMS * 2])


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
