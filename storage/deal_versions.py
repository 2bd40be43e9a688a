"""Deal versions: every change to a deal's amount, currency, close date, stage, owner, forecast category or
deletion writes one row, so the pipeline as it stood at any moment can be rebuilt (forecast movement)."""
from __future__ import annotations

from sqlalchemy import event, insert, inspect, text
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from storage.forecast_models import DealVersion
from storage.models import Deal

VERSION = DealVersion.__table__
# The deal's columns a version copies; a change to any of them is a new version.
TRACKED = ("owner_id", "amount_minor", "currency", "expected_close", "stage", "status", "closed_at",
           "forecast_category")
# Soft delete (a `deleted_at` column) is tracked as soon as the deal model has it.
SOFT_DELETE = "deleted_at"


TRACKING = "salesbot_deal_versions"  # the session.info flag of sessions that write deal versions


def track_deal_versions(session: Session) -> None:
    """Have `session` write a version of every deal it inserts or changes, in the same flush."""
    # A flag, not a listener on the session: registering one per unit of work cost more than the unit's SQL.
    session.info[TRACKING] = True


@event.listens_for(OrmSession, "after_flush")
def _write_versions(session: Session, _context) -> None:
    if not session.info.get(TRACKING):
        return
    # After the flush the new deals have ids; the pending lists and attribute histories still show what
    # this flush wrote, and a Core insert on the flush's connection joins its transaction.
    rows = [_version(deal) for deal in list(session.new) + list(session.dirty)
            if isinstance(deal, Deal) and (deal in session.new or _changed(deal))]
    if rows:
        session.connection().execute(insert(VERSION), rows)


def _changed(deal: Deal) -> bool:
    state = inspect(deal)
    names = TRACKED + ((SOFT_DELETE,) if SOFT_DELETE in state.attrs.keys() else ())
    return any(state.attrs[name].history.has_changes() for name in names)


def _version(deal: Deal) -> dict:
    return {"workspace_id": deal.workspace_id, "deal_id": deal.id,
            "valid_from": _valid_from(deal),
            **{name: getattr(deal, name) for name in TRACKED},
            "deleted": getattr(deal, SOFT_DELETE, None) is not None}


def _valid_from(deal: Deal):
    """Every change stamps updated_at with the command's clock: the version is valid from then. An undo puts
    updated_at back to an earlier value; its version is then valid from the value it replaced, so it still
    comes after the version it undoes (the same instant, a later id) and never rewrites the past."""
    stamps = [deal.updated_at, *inspect(deal).attrs["updated_at"].history.deleted]
    return max(stamp for stamp in stamps if stamp is not None)


# Deals whose history predates versions (or was bulk-loaded): one version per stage move, with the deal's
# present amount, close date and owner (the best that is known), then one for any deal still without.
BACKFILL = ("""
INSERT INTO deal_version (workspace_id, deal_id, valid_from, owner_id, amount_minor, currency, expected_close,
                          stage, status, closed_at, forecast_category, deleted)
SELECT d.workspace_id, d.id, c.changed_at, d.owner_id, d.amount_minor, d.currency, d.expected_close, c.to_stage,
       COALESCE(s.outcome, 'open'), CASE WHEN COALESCE(s.outcome, 'open') <> 'open' THEN c.changed_at END,
       d.forecast_category, FALSE
FROM stage_change c JOIN deal d ON d.id = c.deal_id
LEFT JOIN stage s ON s.workspace_id = d.workspace_id AND s.name = c.to_stage
WHERE d.workspace_id = :workspace
  AND NOT EXISTS (SELECT 1 FROM deal_version v WHERE v.deal_id = d.id AND v.valid_from <= c.changed_at)
""", """
INSERT INTO deal_version (workspace_id, deal_id, valid_from, owner_id, amount_minor, currency, expected_close,
                          stage, status, closed_at, forecast_category, deleted)
SELECT d.workspace_id, d.id, d.created_at, d.owner_id, d.amount_minor, d.currency, d.expected_close, d.stage,
       d.status, d.closed_at, d.forecast_category, FALSE
FROM deal d
WHERE d.workspace_id = :workspace AND NOT EXISTS (SELECT 1 FROM deal_version v WHERE v.deal_id = d.id)
""")


def backfill_versions(session: Session, workspace_id: int) -> None:
    """Versions for a workspace's deals that have none before their stage moves (bulk-loaded history)."""
    session.flush()
    for statement in BACKFILL:
        session.connection().execute(text(statement), {"workspace": workspace_id})
