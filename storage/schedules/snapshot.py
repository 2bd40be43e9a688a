"""One read of everything the scheduler plans from: workspaces, people, teams, schedules, open rounds."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.models import Person, SalesTeam, TeamMember, Workspace
from storage.schedule_models import FeedbackRound, Outbox, QuietHours, Schedule
from storage.task_models import Task


@dataclass
class Snapshot:
    """Detached rows, read in one short transaction; planning (handlers/schedules/plan.py) is pure Python over them."""

    workspaces: dict[int, Workspace] = field(default_factory=dict)
    people: dict[int, Person] = field(default_factory=dict)
    teams: dict[int, SalesTeam] = field(default_factory=dict)
    members: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    teams_of: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    quiet: dict[int, QuietHours] = field(default_factory=dict)
    schedules: list[Schedule] = field(default_factory=list)
    nudges: dict[int, Schedule] = field(default_factory=dict)
    open_rounds: list[FeedbackRound] = field(default_factory=list)
    outbox: list[Outbox] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)


def load_snapshot(engine: Engine) -> Snapshot:
    snapshot = Snapshot()
    with Session(engine, expire_on_commit=False) as session:
        snapshot.workspaces = {w.id: w for w in session.exec(select(Workspace))}
        snapshot.people = {p.id: p for p in session.exec(select(Person))}
        snapshot.teams = {t.id: t for t in session.exec(select(SalesTeam))}
        for member in session.exec(select(TeamMember)):
            snapshot.members[member.team_id].append(member.person_id)
            snapshot.teams_of[member.person_id].append(member.team_id)
        snapshot.quiet = {q.person_id: q for q in session.exec(select(QuietHours))}
        for schedule in session.exec(select(Schedule).order_by(Schedule.id)):
            if schedule.kind == "nudge":
                snapshot.nudges[schedule.workspace_id] = schedule
            elif schedule.active:
                snapshot.schedules.append(schedule)
        snapshot.open_rounds = list(session.exec(select(FeedbackRound).where(col(FeedbackRound.closed_at).is_(None))))
        snapshot.outbox = list(session.exec(select(Outbox).where(Outbox.sent == False)))  # noqa: E712
        snapshot.tasks = list(session.exec(select(Task).where(Task.status == "open")))
        session.expunge_all()
    return snapshot


def mark_outbox_sent(engine: Engine, outbox_id: int) -> None:
    with Session(engine) as session:
        session.execute(update(Outbox).where(Outbox.id == outbox_id).values(sent=True))
        session.commit()
