"""Forecast submissions and manager adjustments read back: the latest of each person for a period, the one
that stood at a checkpoint (accuracy), and who submitted since a moment — all ranked by the database."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import cache

from sqlalchemy import bindparam, func, select
from sqlmodel import Session

from handlers.forecast.results import Submission
from storage.analytics.sql import owned_by, scope_params
from storage.forecast_models import ForecastAdjustment, ForecastSubmission

SUBMISSION = ForecastSubmission.__table__
ADJUSTMENT = ForecastAdjustment.__table__


def latest(session: Session, workspace_id: int, table: str, person_ids: Iterable[int] | None, period_start: date,
           at: datetime) -> tuple[Submission, ...]:
    """Each person's (and scope's) latest submission or adjustment for the period made by `at`."""
    params = scope_params(person_ids, workspace=workspace_id, period=period_start, at=at)
    rows = session.connection().execute(_latest_statement(table, person_ids is not None), params)
    return tuple(_value(table, row) for row in rows)


def history(session: Session, workspace_id: int, person_id: int, period_start: date,
            limit: int = 10) -> tuple[Submission, ...]:
    """A person's submissions for a period, newest first (all are kept)."""
    query = (select(SUBMISSION).where(SUBMISSION.c.workspace_id == workspace_id,
                                      SUBMISSION.c.person_id == person_id, SUBMISSION.c.period_start == period_start)
             .order_by(SUBMISSION.c.submitted_at.desc(), SUBMISSION.c.id.desc()).limit(limit))
    return tuple(_value("submission", row) for row in session.connection().execute(query))


@cache
def _latest_statement(table: str, scoped: bool):
    rows, when = (SUBMISSION, SUBMISSION.c.submitted_at) if table == "submission" else \
        (ADJUSTMENT, ADJUSTMENT.c.adjusted_at)
    order = (when.desc(), rows.c.id.desc())
    ranked = (select(rows, func.row_number().over(partition_by=(rows.c.person_id, rows.c.scope), order_by=order)
                     .label("rn"))
              .where(rows.c.workspace_id == bindparam("workspace"), rows.c.period_start == bindparam("period"),
                     owned_by(rows.c.person_id, scoped), when <= bindparam("at"))
              .subquery("ranked"))
    return select(ranked).where(ranked.c.rn == 1).order_by(ranked.c.person_id, ranked.c.scope)


def _value(table: str, row) -> Submission:
    if table == "submission":
        return Submission(row.id, row.person_id, row.scope, row.period_start, row.commit_minor, row.best_minor,
                          row.currency, row.note, row.submitted_by, row.submitted_at, row.as_computed)
    return Submission(row.id, row.person_id, row.scope, row.period_start, row.commit_minor, row.best_minor,
                      row.currency, row.note, row.adjusted_by, row.adjusted_at)
