"""Key accounts: their touch cadence, when each was last touched (on the account or its deals), and the lapse
that already has its follow-up task."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from handlers.rhythm.port import KeyAccountState
from storage.models import Account, Activity, Deal
from storage.rhythm_models import KeyAccount
from storage.scoped import ScopedRepo


class KeyAccountRepo(ScopedRepo):
    """Key accounts of one workspace."""

    def mark(self, account_id: int, every_days: int, marked_by: int, now: datetime) -> bool:
        """Mark the account key (or change its cadence); True when it was key already."""
        row = self._row(account_id)
        if row is not None:
            row.every_days = every_days
            self.session.flush()
            return True
        self.session.add(KeyAccount(workspace_id=self.workspace_id, account_id=account_id, every_days=every_days,
                                    marked_by=marked_by, marked_at=now))
        self.session.flush()
        return False

    def unmark(self, account_id: int) -> bool:
        row = self._row(account_id)
        if row is None:
            return False
        self.session.delete(row)
        self.session.flush()
        return True

    def states(self, owner_ids: set[int] | None = None, account_id: int | None = None) -> list[KeyAccountState]:
        """Key accounts looked after by `owner_ids` (None: all), by name, with their last live activity."""
        last = (select(func.max(Activity.occurred_at)).select_from(Activity)
                .outerjoin(Deal, Deal.id == Activity.deal_id)
                .where(Activity.workspace_id == self.workspace_id, col(Activity.deleted_at).is_(None),
                       or_(Activity.account_id == Account.id, Deal.account_id == Account.id))
                .correlate(Account).scalar_subquery())
        query = (select(KeyAccount.account_id, Account.name, Account.owner_id, KeyAccount.every_days,
                        KeyAccount.marked_at, last, KeyAccount.followed_up_anchor)
                 .join(Account, Account.id == KeyAccount.account_id)
                 .where(KeyAccount.workspace_id == self.workspace_id))
        if owner_ids is not None:
            query = query.where(col(Account.owner_id).in_(owner_ids))
        if account_id is not None:
            query = query.where(KeyAccount.account_id == account_id)
        return [KeyAccountState(*row) for row in self.session.exec(query.order_by(Account.name_key))]

    def claim_lapse(self, account_id: int, anchor: datetime) -> bool:
        """Take the lapse that began at `anchor` for a follow-up; False when it was taken already. One UPDATE
        with the check in its WHERE: of two schedulers at the same moment, the second finds nothing to take."""
        lapse = or_(col(KeyAccount.followed_up_anchor).is_(None), KeyAccount.followed_up_anchor != anchor)
        result = self.session.execute(update(KeyAccount).where(
            KeyAccount.workspace_id == self.workspace_id, KeyAccount.account_id == account_id, lapse)
            .values(followed_up_anchor=anchor).execution_options(synchronize_session=False))
        return result.rowcount == 1

    def record_follow_up(self, account_id: int, task_id: int) -> None:
        self.session.execute(update(KeyAccount).where(KeyAccount.workspace_id == self.workspace_id,
                                                      KeyAccount.account_id == account_id)
                             .values(follow_up_task_id=task_id).execution_options(synchronize_session=False))

    def _row(self, account_id: int) -> KeyAccount | None:
        query = select(KeyAccount).where(KeyAccount.workspace_id == self.workspace_id,
                                         KeyAccount.account_id == account_id)
        return self.session.exec(query).first()


def workspaces_with_key_accounts(engine: Engine) -> list[int]:
    """The workspaces the scheduler's key-account check has to look at."""
    with Session(engine) as session:
        return list(session.exec(select(KeyAccount.workspace_id).distinct().order_by(KeyAccount.workspace_id)))
