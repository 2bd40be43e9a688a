"""The synthetic sales org of bench/analytics_scale.py, written in bulk (Core inserts, explicit ids)."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from handlers.analytics.periods import parse_period
from storage.models import (Activity, Deal, Partner, Person, SalesTeam, Stage, StageChange, Target, TeamMember,
                            Workspace)
from storage.workspaces import ensure_workspace

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
TEAMS, REPS_PER_TEAM, PARTNERS = 50, 10, 20
DAYS_OF_DEALS = 730
OPEN_STAGES = ("lead", "qualified", "proposal", "negotiation")
KINDS = ("call", "email", "meeting", "demo", "visit", "note")
LOST, BACK, SKIP = 0.18, 0.10, 0.05  # chances per step: about 4 history rows per deal, 42% won
CHUNK = 5_000  # deals written per batch (with their history and activities)


@dataclass
class Org:
    """Ids of what the seeder created."""

    workspace: Workspace
    reps: list[int]
    teams: list[tuple[int, int, list[int]]]  # (team id, manager id, member ids)
    stage_changes: int = 0


def seed_org(engine: Engine, deals: int, activities: int, rng: random.Random) -> Org:
    """The org, its deals with their history, and the activities, written in bulk (Core inserts)."""
    with Session(engine, expire_on_commit=False) as session:
        org = _people_and_teams(session, f"bench-{activities}")
        session.commit()
    with engine.begin() as connection:
        ids = _next_ids(connection)
        partners = _partners(connection, org.workspace.id, ids)
        for first in range(0, deals, CHUNK):
            count = min(CHUNK, deals - first)
            share = activities * count // deals
            org.stage_changes += _write_deals(connection, org, partners, ids, count, share, rng)
        _targets(connection, org)
        _sync_sequences(connection)
    return org


def find_org(engine: Engine, external_id: str) -> Org:
    """The org an earlier run wrote, read back."""
    with Session(engine, expire_on_commit=False) as session:
        workspace = session.scalars(select(Workspace).where(Workspace.platform == "bench",
                                                            Workspace.external_id == external_id)).one()
        teams = []
        for team in session.scalars(select(SalesTeam).where(SalesTeam.workspace_id == workspace.id)):
            members = session.scalars(select(TeamMember.person_id).where(TeamMember.team_id == team.id)).all()
            teams.append((team.id, team.manager_id, list(members)))
        reps = session.scalars(select(Person.id).where(Person.workspace_id == workspace.id,
                                                       Person.role == "rep")).all()
        changes = session.scalar(select(func.count()).select_from(StageChange)
                                 .where(StageChange.workspace_id == workspace.id))
    return Org(workspace, list(reps), teams, changes)


def _people_and_teams(session: Session, external_id: str) -> Org:
    old = session.scalars(select(Workspace).where(Workspace.platform == "bench",
                                                  Workspace.external_id == external_id)).first()
    if old is not None:
        _delete_workspace(session, old.id)
    workspace = ensure_workspace(session, "bench", external_id, "Bench Org", "UTC", "USD")
    people = [Person(workspace_id=workspace.id, platform_user_id=f"u{i}", display_name=f"Person {i}",
                     handle=f"person.{i}", role="rep" if i < TEAMS * REPS_PER_TEAM else "manager")
              for i in range(TEAMS * (REPS_PER_TEAM + 1))]
    session.add_all(people)
    session.flush()
    reps, managers = people[:TEAMS * REPS_PER_TEAM], people[TEAMS * REPS_PER_TEAM:]
    teams = []
    for index, manager in enumerate(managers):
        team = SalesTeam(workspace_id=workspace.id, name=f"Team {index}", name_key=f"team {index}",
                         manager_id=manager.id)
        session.add(team)
        session.flush()
        members = [rep.id for rep in reps[index * REPS_PER_TEAM:(index + 1) * REPS_PER_TEAM]] + [manager.id]
        session.add_all(TeamMember(team_id=team.id, person_id=pid, workspace_id=workspace.id) for pid in members)
        teams.append((team.id, manager.id, members))
    session.flush()
    return Org(workspace, [rep.id for rep in reps], teams)


def _delete_workspace(session: Session, workspace_id: int) -> None:
    """A previous bench run in the same (PostgreSQL) database: remove only its rows."""
    for model in (Activity, StageChange, Target, Deal, TeamMember, SalesTeam, Partner, Stage, Person):
        session.execute(delete(model).where(model.workspace_id == workspace_id))
    session.execute(delete(Workspace).where(Workspace.id == workspace_id))
    session.flush()


def _next_ids(connection) -> dict[str, int]:
    """Explicit ids let one batch refer to the deals it writes without reading them back."""
    return {table.__tablename__: (connection.execute(select(func.max(table.id))).scalar() or 0) + 1
            for table in (Deal, StageChange, Activity, Partner)}


def _sync_sequences(connection) -> None:
    """PostgreSQL: move the id sequences past the ids written explicitly, so later inserts still work."""
    if connection.dialect.name != "postgresql":
        return
    for table in ("deal", "stage_change", "activity", "partner"):
        connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"))


def _partners(connection, workspace_id: int, ids: dict[str, int]) -> list[int]:
    first = ids["partner"]
    connection.execute(insert(Partner), [dict(id=first + i, workspace_id=workspace_id, name=f"Partner {i}",
                                              name_key=f"partner {i}", kind="reseller") for i in range(PARTNERS)])
    return list(range(first, first + PARTNERS))


def _path(rng: random.Random, created: datetime) -> list[tuple[str, datetime]]:
    """A deal's history: start early in the funnel, then each step move on (now and then skipping a stage),
    step back, or get lost; won after negotiation; still open when the next step would be after NOW."""
    position = 0 if rng.random() < 0.85 else rng.choice((1, 2))
    when, path = created, [(OPEN_STAGES[position], created)]
    while True:
        when = when + timedelta(days=rng.expovariate(1 / 9))
        if when >= NOW:
            return path
        roll = rng.random()
        if roll < LOST:
            return path + [("lost", when)]
        if roll < LOST + BACK and position > 0:
            position -= 1
        else:
            position += 2 if roll > 1 - SKIP else 1
        if position >= len(OPEN_STAGES):
            return path + [("won", when)]
        path.append((OPEN_STAGES[position], when))


def _write_deals(connection, org: Org, partners: list[int], ids: dict[str, int], count: int,
                 activity_count: int, rng: random.Random) -> int:
    """One batch of deals with their stage history and activities; returns how many history rows."""
    deals, changes = [], []
    for _ in range(count):
        owner, created = rng.choice(org.reps), NOW - timedelta(days=rng.uniform(0, DAYS_OF_DEALS))
        path = _path(rng, created)
        changes += _history_rows(org.workspace.id, ids, ids["deal"], owner, path)
        deals.append(_deal_row(rng, org.workspace.id, ids["deal"], owner, created, path, partners))
        ids["deal"] += 1
    activities = _activity_rows(rng, org.workspace.id, ids, deals, activity_count)
    connection.execute(insert(Deal), deals)
    connection.execute(insert(StageChange), changes)
    connection.execute(insert(Activity), activities)
    return len(changes)


def _history_rows(wid: int, ids: dict[str, int], deal_id: int, owner: int,
                  path: list[tuple[str, datetime]]) -> list[dict]:
    rows = []
    for (before, since), (stage, when) in zip([(None, None)] + path, path):
        rows.append(dict(id=ids["stage_change"], workspace_id=wid, deal_id=deal_id, from_stage=before,
                         to_stage=stage, changed_at=when, owner_id=owner, actor_id=owner, from_entered_at=since))
        ids["stage_change"] += 1
    return rows


def _activity_rows(rng: random.Random, wid: int, ids: dict[str, int], deals: list[dict], count: int) -> list[dict]:
    """Activities by each deal's owner while it was open; each deal remembers its last touch."""
    rows = []
    for _ in range(count):
        deal = rng.choice(deals)
        when = deal["created_at"] + ((deal["closed_at"] or NOW) - deal["created_at"]) * rng.random()
        rows.append(dict(id=ids["activity"], workspace_id=wid, kind=rng.choice(KINDS), notes="",
                         person_id=deal["owner_id"], deal_id=deal["id"], occurred_at=when))
        ids["activity"] += 1
        deal["last_activity_at"] = max(deal["last_activity_at"] or when, when)
    return rows


def _deal_row(rng: random.Random, wid: int, deal_id: int, owner: int, created: datetime,
              path: list[tuple[str, datetime]], partners: list[int]) -> dict:
    stage, entered = path[-1]
    status = stage if stage in ("won", "lost") else "open"
    return dict(id=deal_id, workspace_id=wid, number=deal_id, name=f"Deal {deal_id}", name_key=f"deal {deal_id}",
                owner_id=owner, partner_id=rng.choice(partners) if rng.random() < 0.4 else None,
                amount_minor=rng.randrange(1_000, 100_000) * 100, currency="EUR" if rng.random() < 0.05 else "USD",
                stage=stage, status=status, expected_close=(created + timedelta(days=rng.uniform(20, 90))).date(),
                close_pushes=rng.choices((0, 1, 2, 3), (70, 15, 10, 5))[0], last_activity_at=None,
                created_at=created, updated_at=entered, stage_entered_at=entered,
                closed_at=entered if status != "open" else None)


def _targets(connection, org: Org) -> None:
    month = parse_period("month", NOW.date(), ZoneInfo("UTC"))
    common = dict(workspace_id=org.workspace.id, period_label=month.label, period_start=month.first_day,
                  period_end=month.last_day)
    rows = [dict(person_id=rep, team_id=None, metric="won_value", value=5_000_000, **common) for rep in org.reps]
    rows += [dict(person_id=None, team_id=team, metric="won_value", value=50_000_000, **common)
             for team, _, _ in org.teams]
    connection.execute(insert(Target), rows)
