"""Customer satisfaction scores per account, and the one-question links customers answer themselves."""
from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import col, select

from storage.models import Deal
from storage.rhythm_models import CsatLink, CsatScore
from storage.scoped import ScopedRepo


class CsatRepo(ScopedRepo):
    """CSAT of one workspace."""

    def add(self, account_id: int, score: int, comment: str | None, logged_by: int | None,
            now: datetime) -> CsatScore:
        row = CsatScore(workspace_id=self.workspace_id, account_id=account_id, score=score, comment=comment,
                        logged_by=logged_by, scored_at=now)
        self.session.add(row)
        self.session.flush()
        return row

    def get(self, score_id: int) -> CsatScore | None:
        return self._mine(self.session.get(CsatScore, score_id))

    def distribution(self, account_ids: set[int] | None, start: datetime, end: datetime) -> dict[int, int]:
        """How many scores of each value (1-5) in [start, end)."""
        query = self._scores(select(CsatScore.score, func.count()), account_ids, start, end)
        return {score: count for score, count in self.session.exec(query.group_by(CsatScore.score))}

    def monthly(self, account_ids: set[int] | None, start: datetime, end: datetime) -> list[tuple[str, int, int]]:
        """(YYYY-MM in UTC, count, sum of scores) per month in [start, end), oldest first."""
        month = _month_expression(self.session)
        query = self._scores(select(month, func.count(), func.sum(CsatScore.score)), account_ids, start, end)
        rows = self.session.exec(query.group_by(month).order_by(month))
        return [(label, count, total) for label, count, total in rows]

    def recent(self, account_ids: set[int] | None, limit: int = 5) -> list[CsatScore]:
        query = select(CsatScore).where(CsatScore.workspace_id == self.workspace_id)
        if account_ids is not None:
            query = query.where(col(CsatScore.account_id).in_(account_ids))
        return list(self.session.exec(query.order_by(col(CsatScore.scored_at).desc()).limit(limit)))

    def accounts_of_owners(self, owner_ids: set[int]) -> set[int]:
        """Accounts with a deal owned by any of `owner_ids` (how a team's accounts are known)."""
        query = select(Deal.account_id).where(Deal.workspace_id == self.workspace_id,
                                              col(Deal.owner_id).in_(owner_ids), col(Deal.account_id).is_not(None))
        return set(self.session.exec(query.distinct()))

    def account_owner(self, account_id: int) -> int | None:
        """The owner of the account's most recently touched deal: who looks after the customer."""
        query = (select(Deal.owner_id).where(Deal.workspace_id == self.workspace_id, Deal.account_id == account_id)
                 .order_by(col(Deal.updated_at).desc(), col(Deal.id).desc()).limit(1))
        return self.session.exec(query).first()

    def new_link(self, account_id: int, created_by: int, now: datetime, expires_at: datetime) -> CsatLink:
        link = CsatLink(token=secrets.token_urlsafe(24), workspace_id=self.workspace_id, account_id=account_id,
                        created_by=created_by, created_at=now, expires_at=expires_at)
        self.session.add(link)
        self.session.flush()
        return link

    def answer_link(self, link: CsatLink, score: int, comment: str | None, now: datetime) -> CsatScore | None:
        """Record the customer's own answer and spend the link; None when a concurrent answer spent it first
        (the caller rolls back)."""
        row = self.add(link.account_id, score, comment, None, now)
        spent = self.session.execute(update(CsatLink).where(CsatLink.token == link.token,
                                                            col(CsatLink.score_id).is_(None))
                                     .values(score_id=row.id))
        return row if spent.rowcount == 1 else None

    def _scores(self, query, account_ids: set[int] | None, start: datetime, end: datetime):
        query = query.where(CsatScore.workspace_id == self.workspace_id, CsatScore.scored_at >= start,
                            CsatScore.scored_at < end)
        if account_ids is not None:
            query = query.where(col(CsatScore.account_id).in_(account_ids))
        return query


def _month_expression(session):
    if session.get_bind().dialect.name == "sqlite":
        return func.strftime("%Y-%m", CsatScore.scored_at)
    return func.to_char(func.timezone("UTC", CsatScore.scored_at), "YYYY-MM")


def link_by_token(session, token: str) -> CsatLink | None:
    """The link, whichever workspace it belongs to (the unguessable token is the capability)."""
    return session.get(CsatLink, token) if token and len(token) <= 64 else None
