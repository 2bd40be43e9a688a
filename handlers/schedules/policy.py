"""What happens to each candidate: wait, skip (superseded or missed past the grace), send, and after a send
attempt retry or give up; where it goes; how far back a tick looks."""
from __future__ import annotations

from datetime import datetime, timedelta

from handlers.messaging import Destination, PostResult
from handlers.schedules.jobs import Job
from handlers.schedules.plan import Candidate, Snapshot

# A DM due on Friday evening may wait for Monday morning: look that far back for deferred occurrences.
DEFERRAL_LOOKBACK = timedelta(days=4)
MAX_LOOKBACK = timedelta(days=8)
RETRY_AFTER = timedelta(minutes=2)
# A post taken up again is looked for in the platform's history from a little before its occurrence.
FIND_MARGIN = timedelta(hours=1)

WAIT, SEND, SUPERSEDED, MISSED = "wait", "send", "superseded", "missed"
DONE, RETRY = "done", "retry"


def planning_since(now: datetime, last_tick: datetime | None, grace: timedelta) -> datetime:
    """Where a tick's look-back starts: the grace window or the downtime since the last tick, whichever is
    longer, plus room for quiet-hours deferrals, capped."""
    behind = max(grace, now - (last_tick or now))
    return now - min(behind + DEFERRAL_LOOKBACK, MAX_LOOKBACK)


def verdict(candidate: Candidate, now: datetime, grace: timedelta, attempted: bool) -> str:
    """WAIT until its send time; a first attempt that a later occurrence supersedes, or that is older than the
    grace window (missed while nothing ran), is skipped; everything else is sent (retries included)."""
    if candidate.send_at > now:
        return WAIT
    if not attempted and candidate.superseded:
        return SUPERSEDED
    if not attempted and candidate.send_at < now - grace:
        return MISSED
    return SEND


def outcome(delivery: PostResult, candidate: Candidate, now: datetime, grace: timedelta) -> tuple[str, datetime | None]:
    """The ledger status after a send attempt, and when to try again: a transient failure is retried until
    the grace window after its send time has passed."""
    if delivery.ok:
        return "sent", None
    if delivery.permanent or now >= candidate.send_at + grace:
        return "failed", None
    return "retry", now + RETRY_AFTER


def find_since(candidate: Candidate) -> datetime:
    """Where to start looking for an earlier attempt's post: no attempt precedes the occurrence."""
    return min(candidate.job.due_at, candidate.send_at) - FIND_MARGIN


def after_lookup(found: PostResult | None) -> str:
    """After looking for an earlier attempt's post: SEND it (none found, or the history cannot be read for
    good, e.g. a scope not granted), DONE (it is there), or RETRY later (the lookup failed for now)."""
    if found is None or (not found.ok and found.permanent):
        return SEND
    return DONE if found.ok else RETRY


def destination(snapshot: Snapshot, job: Job) -> Destination:
    """A channel post when the job names a channel, else a direct message to its person; either carries the
    delivery key."""
    workspace = snapshot.workspaces[job.workspace_id]
    if job.channel_id:
        return Destination(workspace.platform, workspace.external_id, channel_id=job.channel_id, key=job.key)
    person = snapshot.people[job.person_id]
    return Destination(workspace.platform, workspace.external_id, user_id=person.platform_user_id, key=job.key)
