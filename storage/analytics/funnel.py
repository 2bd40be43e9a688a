"""The funnel from stage history: entries per stage (skipped stages included), moves on, wins, stays."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlmodel import Session

from storage.analytics.results import Funnel, StageFlow
from storage.analytics.sql import CHANGE, STAGE, between, days_between, medians, owned_by

HISTORY_DAYS = 365


def funnel_stages(session: Session, workspace_id: int) -> list[tuple[str, int, str]]:
    """(name, position, outcome) of the open stages and the won stage, in pipeline order."""
    query = (select(STAGE.c.name, STAGE.c.position, STAGE.c.outcome)
             .where(STAGE.c.workspace_id == workspace_id, STAGE.c.outcome != "lost").order_by(STAGE.c.position))
    return [tuple(row) for row in session.connection().execute(query)]


def funnel(session: Session, workspace_id: int, owner_ids: Iterable[int] | None,
           start: datetime, end: datetime) -> Funnel:
    """Each stage's flow over [start, end) for deals owned by `owner_ids` (None = everyone)."""
    stages = funnel_stages(session, workspace_id)
    won_position = next((pos for _, pos, outcome in stages if outcome == "won"), None)
    connection = session.connection()
    flows = {pos: row for pos, *row in connection.execute(
        _flow_query(workspace_id, owner_ids, start, end, won_position))}
    stays = {stage: (median, count) for stage, median, count in
             connection.execute(medians(_stays(workspace_id, owner_ids, start, end), "stage", "days"))}
    return Funnel(start, end, tuple(_stage_flow(name, pos, outcome, flows.get(pos), stays.get(name))
                                    for name, pos, outcome in stages))


def history(session: Session, workspace_id: int, as_of: datetime, days: int = HISTORY_DAYS) -> Funnel:
    """The whole workspace's funnel over the `days` before `as_of`: the yardstick for bottlenecks and risks."""
    return funnel(session, workspace_id, None, as_of - timedelta(days=days), as_of)


def _stage_flow(name: str, position: int, outcome: str, row, stays) -> StageFlow:
    entered, moved, won = row if row else (0, 0, 0)
    median, count = stays if stays else (None, 0)
    last = outcome == "won"
    return StageFlow(name, int(entered), None if last else int(moved or 0), None if last else int(won or 0),
                     None if median is None else float(median), int(count))


def _moves(workspace_id: int, owner_ids, start: datetime, end: datetime):
    """History rows in the period as a range of funnel positions entered: (lower, upper].

    A forward move enters every stage after the one it left, up to the one it reached (skipped stages
    included); a first row, or a move out of won/lost (a reopened deal), enters everything up to its
    stage; a move backwards enters only the stage it went to; a move to lost enters nothing.
    """
    to_stage, from_stage = STAGE.alias("to_stage"), STAGE.alias("from_stage")
    from_open = from_stage.c.outcome == "open"
    lower = case((and_(from_open, from_stage.c.position < to_stage.c.position), from_stage.c.position),
                 (from_open, to_stage.c.position - 1), else_=-1)
    return (select(CHANGE.c.deal_id, CHANGE.c.changed_at, to_stage.c.position.label("upper"), lower.label("lower"))
            .join(to_stage, and_(to_stage.c.workspace_id == CHANGE.c.workspace_id,
                                 to_stage.c.name == CHANGE.c.to_stage, to_stage.c.outcome != "lost"))
            .outerjoin(from_stage, and_(from_stage.c.workspace_id == CHANGE.c.workspace_id,
                                        from_stage.c.name == CHANGE.c.from_stage))
            .where(CHANGE.c.workspace_id == workspace_id, between(CHANGE.c.changed_at, start, end),
                   owned_by(CHANGE.c.owner_id, owner_ids))
            .cte("moves"))


def _entries(workspace_id: int, owner_ids, start: datetime, end: datetime):
    """One row per (stage, deal) entered in the period, with the first and the last time it entered."""
    moves, each = _moves(workspace_id, owner_ids, start, end), STAGE.alias("each_stage")
    return (select(each.c.position.label("pos"), moves.c.deal_id,
                   func.min(moves.c.changed_at).label("first_at"), func.max(moves.c.changed_at).label("last_at"))
            .select_from(moves)
            .join(each, and_(each.c.workspace_id == workspace_id, each.c.outcome != "lost",
                             each.c.position > moves.c.lower, each.c.position <= moves.c.upper))
            .group_by(each.c.position, moves.c.deal_id)
            .cte("entries"))


def _flow_query(workspace_id: int, owner_ids, start: datetime, end: datetime, won_position: int | None):
    """Per stage: deals entered, of those how many entered a later stage afterwards, and how many were won."""
    entries = _entries(workspace_id, owner_ids, start, end)
    first, later = entries.alias("first_entry"), entries.alias("later_entry")
    per_deal = (select(first.c.pos, first.c.deal_id,
                       func.max(case((later.c.pos.is_not(None), 1), else_=0)).label("moved"),
                       func.max(case((later.c.pos == won_position, 1), else_=0)).label("won"))
                .select_from(first)
                .outerjoin(later, and_(later.c.deal_id == first.c.deal_id, later.c.pos > first.c.pos,
                                       later.c.last_at >= first.c.first_at))
                .group_by(first.c.pos, first.c.deal_id)
                .subquery("per_deal"))
    return (select(per_deal.c.pos, func.count(), func.sum(per_deal.c.moved), func.sum(per_deal.c.won))
            .group_by(per_deal.c.pos))


def _stays(workspace_id: int, owner_ids, start: datetime, end: datetime):
    """Stays that ended in the period: the stage left, and days since the deal's previous history row."""
    before = CHANGE.alias("before")
    entered_at = (select(func.max(before.c.changed_at))
                  .where(before.c.deal_id == CHANGE.c.deal_id, before.c.changed_at <= CHANGE.c.changed_at,
                         or_(before.c.changed_at < CHANGE.c.changed_at, before.c.id < CHANGE.c.id))
                  .scalar_subquery())
    return (select(CHANGE.c.from_stage.label("stage"), days_between(CHANGE.c.changed_at, entered_at).label("days"))
            .where(CHANGE.c.workspace_id == workspace_id, between(CHANGE.c.changed_at, start, end),
                   owned_by(CHANGE.c.owner_id, owner_ids), CHANGE.c.from_stage.is_not(None))
            .subquery("stays"))
