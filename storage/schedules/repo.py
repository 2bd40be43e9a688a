"""Schedules of one workspace: digest subscriptions, meetings, feedback prompts, nudge settings, quiet hours."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select

from storage.schedule_models import Outbox, QuietHours, Schedule
from storage.scoped import ScopedRepo


class ScheduleRepo(ScopedRepo):
    """Reads and writes the schedules of one workspace."""

    def add(self, kind: str, **fields) -> Schedule:
        schedule = Schedule(workspace_id=self.workspace_id, kind=kind, **fields)
        self.session.add(schedule)
        self.session.flush()
        return schedule

    def get(self, kind: str, schedule_id: int) -> Schedule | None:
        row = self._mine(self.session.get(Schedule, schedule_id))
        return row if row is not None and row.kind == kind else None

    def active(self, kind: str, owner_id: int | None = None) -> list[Schedule]:
        query = select(Schedule).where(Schedule.workspace_id == self.workspace_id, Schedule.kind == kind,
                                       Schedule.active == True)  # noqa: E712 (SQL comparison)
        if owner_id is not None:
            query = query.where(Schedule.owner_id == owner_id)
        return list(self.session.exec(query.order_by(Schedule.id)))

    def visible(self, kind: str, owner_ids: set[int] | None) -> list[Schedule]:
        """Active schedules of `kind` owned by any of `owner_ids` (None: everyone's)."""
        query = select(Schedule).where(Schedule.workspace_id == self.workspace_id, Schedule.kind == kind,
                                       Schedule.active == True)  # noqa: E712
        if owner_ids is not None:
            query = query.where(col(Schedule.owner_id).in_(owner_ids))
        return list(self.session.exec(query.order_by(Schedule.id)))

    def end(self, schedule: Schedule, now: datetime) -> None:
        schedule.active, schedule.ended_at = False, now

    def template(self, name: str) -> Schedule | None:
        query = select(Schedule).where(Schedule.workspace_id == self.workspace_id, Schedule.template == name,
                                       Schedule.active == True)  # noqa: E712
        return self.session.exec(query).first()

    def nudge_setting(self) -> Schedule | None:
        query = select(Schedule).where(Schedule.workspace_id == self.workspace_id, Schedule.kind == "nudge")
        return self.session.exec(query).first()

    def setting(self, name: str) -> Schedule | None:
        """A workspace-wide switch of the schedules area (e.g. digest charts), stored as a `setting` row."""
        query = select(Schedule).where(Schedule.workspace_id == self.workspace_id, Schedule.kind == "setting",
                                       Schedule.title == name)
        return self.session.exec(query).first()

    def quiet_hours(self, person_id: int) -> QuietHours | None:
        row = self.session.get(QuietHours, person_id)
        return self._mine(row)

    def set_quiet_hours(self, person_id: int, **fields) -> QuietHours:
        row = self.quiet_hours(person_id) or QuietHours(person_id=person_id, workspace_id=self.workspace_id)
        for name, value in fields.items():
            setattr(row, name, value)
        self.session.add(row)
        self.session.flush()
        return row

    def post_later(self, person_id: int, kind: str, ref_id: int, now: datetime) -> None:
        """Ask the scheduler to post a one-off message to `person_id` on its next tick."""
        self.session.add(Outbox(workspace_id=self.workspace_id, person_id=person_id, kind=kind, ref_id=ref_id,
                                created_at=now))
