"""The demo org: seeded once, big and coherent enough to look like a real sales team, and usable from the CLI."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from bot.demo import DEMO_MANAGER, DEMO_WORKSPACE, seed_demo
from storage.database import make_engine
from storage.migrate import upgrade
from storage.models import Activity, Deal, Person, SalesTeam, StageChange, Target, TeamMember, Workspace
from storage.store import Store

REPO = Path(__file__).resolve().parents[1]
FORWARD = ("lead", "qualified", "proposal", "negotiation")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """One seeded database for the module, and whether the seed created it."""
    folder = tmp_path_factory.mktemp("demo")
    engine = make_engine(f"sqlite:///{folder}/d.db")
    upgrade(engine)
    store = Store(engine)
    created = seed_demo(store)
    yield store, created
    engine.dispose()


@pytest.fixture(scope="module")
def session(seeded):
    with Session(seeded[0].engine) as session:
        yield session


def _count(session: Session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def _workspace(session: Session) -> Workspace:
    return session.exec(select(Workspace).where(Workspace.external_id == DEMO_WORKSPACE)).one()


def test_seeding_reports_it_created_the_demo(seeded):
    _, created = seeded
    assert created is True


def test_three_teams_each_with_a_manager_and_four_reps(session):
    teams = session.exec(select(SalesTeam)).all()
    assert len(teams) == 3
    managers = {session.get(Person, team.manager_id).platform_user_id for team in teams}
    assert DEMO_MANAGER in managers and len(managers) == 3
    sizes = Counter(member.team_id for member in session.exec(select(TeamMember)))
    assert sorted(sizes.values()) == [4, 4, 4]


def test_roles_and_timezones(session):
    people = session.exec(select(Person)).all()
    roles = Counter(person.role for person in people)
    assert roles == {"rep": 12, "manager": 3, "admin": 1}
    maria = next(p for p in people if p.platform_user_id == DEMO_MANAGER)
    assert maria.role == "manager" and maria.display_name == "Maria Lopez"
    assert len({p.platform_user_id for p in people}) == len(people)
    assert all(p.timezone and ZoneInfo(p.timezone) for p in people)
    workspace = _workspace(session)
    assert (workspace.timezone, workspace.currency) == ("America/New_York", "USD")


def test_volumes_look_like_six_months_of_selling(session):
    assert 250 <= _count(session, Deal) <= 350
    assert 2500 <= _count(session, Activity) <= 3500
    numbers = sorted(session.exec(select(Deal.number)))
    assert numbers == list(range(1, len(numbers) + 1))
    assert _workspace(session).next_deal_number == len(numbers) + 1


def test_amounts_spread_between_5k_and_250k_in_whole_hundreds(session):
    amounts = sorted(session.exec(select(Deal.amount_minor)))
    assert 5_000_00 <= amounts[0] and amounts[-1] <= 250_000_00
    assert all(amount % 100_00 == 0 for amount in amounts)
    assert amounts[len(amounts) // 2] < sum(amounts) / len(amounts)  # a long tail of big deals


def test_every_stage_history_is_consecutive_forward_and_ends_in_the_current_stage(session):
    history = defaultdict(list)
    for change in session.exec(select(StageChange).order_by(StageChange.deal_id, StageChange.changed_at)):
        history[change.deal_id].append(change)
    for deal in session.exec(select(Deal)):
        changes = history[deal.id]
        assert changes[0].from_stage is None and changes[0].changed_at == deal.created_at
        for before, after in zip(changes, changes[1:]):
            assert after.from_stage == before.to_stage and after.changed_at > before.changed_at
            assert after.to_stage in ("won", "lost") or FORWARD.index(after.to_stage) > FORWARD.index(before.to_stage)
        last = changes[-1]
        assert (deal.stage, deal.stage_entered_at) == (last.to_stage, last.changed_at)
        assert deal.status == (deal.stage if deal.stage in ("won", "lost") else "open")
        assert deal.closed_at == (last.changed_at if deal.status != "open" else None)


def test_deals_are_lost_with_reasons_at_several_stages(session):
    lost_from = Counter(session.exec(select(StageChange.from_stage).where(StageChange.to_stage == "lost")))
    assert len(lost_from) >= 3
    lost = session.exec(select(Deal).where(Deal.status == "lost")).all()
    assert lost and all(deal.lost_reason for deal in lost)
    assert len({deal.lost_reason for deal in lost}) > 5


def test_stage_conversion_differs_by_stage(session):
    reached, moved_on = Counter(), Counter()
    for change in session.exec(select(StageChange)):
        reached[change.to_stage] += 1
        if change.from_stage and change.to_stage != "lost":
            moved_on[change.from_stage] += 1
    rates = {stage: moved_on[stage] / reached[stage] for stage in FORWARD}
    assert all(0.2 < rate < 0.95 for rate in rates.values())
    assert len({round(rate, 2) for rate in rates.values()}) > 1


def test_some_open_deals_are_stalled_overdue_or_pushed(session):
    open_deals = session.exec(select(Deal).where(Deal.status == "open")).all()
    now = datetime.now(timezone.utc)
    assert 40 <= len(open_deals) <= 150
    assert sum(1 for d in open_deals if d.last_activity_at < now - timedelta(days=21)) >= 3
    assert any(d.expected_close < now.date() for d in open_deals)
    assert sum(1 for d in session.exec(select(Deal)) if d.close_pushes >= 2) >= 3


def test_activities_fall_within_their_deals_life_and_set_its_last_activity(session):
    deals = {deal.id: deal for deal in session.exec(select(Deal))}
    latest, now = {}, datetime.now(timezone.utc)
    for activity in session.exec(select(Activity).where(Activity.deal_id.is_not(None))):
        deal = deals[activity.deal_id]
        assert deal.created_at <= activity.occurred_at <= (deal.closed_at or now)
        latest[deal.id] = max(activity.occurred_at, latest.get(deal.id, activity.occurred_at))
    assert {deal_id: deal.last_activity_at for deal_id, deal in deals.items()} == latest
    assert _count(session, Activity) > len(latest)  # some touches are on accounts only


def test_reps_perform_differently(session):
    won = Counter()
    for owner, amount in session.exec(select(Deal.owner_id, Deal.amount_minor).where(Deal.status == "won")):
        won[owner] += amount
    reps = session.exec(select(Person.id).where(Person.role == "rep")).all()
    values = sorted(won.get(rep, 0) for rep in reps)
    assert values[-1] > 3 * max(values[0], 1)


def test_targets_exist_for_this_month_and_quarter(session):
    today = datetime.now(ZoneInfo("America/New_York")).date()
    month, quarter = f"{today:%Y-%m}", f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    targets = session.exec(select(Target)).all()
    for label in (month, quarter):
        rows = [t for t in targets if t.period_label == label]
        assert rows and all(t.period_start <= today <= t.period_end for t in rows)
        assert Counter((t.metric, t.team_id is not None) for t in rows) == {
            ("won_value", False): 12, ("activities", False): 12, ("won_value", True): 3}
        assert all(t.value > 0 for t in rows)
    assert {t.period_start.day for t in targets} == {1}


def test_deals_were_won_in_each_of_the_last_three_months(session):
    now = datetime.now(timezone.utc)
    closed = session.exec(select(Deal.closed_at).where(Deal.status == "won")).all()
    for months_ago in range(3):
        end = now - timedelta(days=30 * months_ago)
        assert any(end - timedelta(days=30) <= when < end for when in closed)


def test_seeding_again_changes_nothing(seeded, session):
    store = seeded[0]
    before = [_count(session, model) for model in (Deal, Activity, StageChange, Target, Person, SalesTeam)]
    assert seed_demo(store) is False
    session.expire_all()
    assert [_count(session, model) for model in (Deal, Activity, StageChange, Target, Person, SalesTeam)] == before


def test_the_demo_command_seeds_and_shows_the_pipeline(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/cli.db", "SALESBOT_CHART_DIR": str(tmp_path),
           "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "bot.cli", "demo"], input="pipeline\ndeal list\n", env=env,
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert "Seeded the demo workspace" in output
    for stage in FORWARD:
        assert re.search(rf"^{stage}\s+\d+\s+\$[\d,]+", result.stdout, re.MULTILINE), output
    assert re.search(r"^Total\s+\d+\s+\$\d{1,3}(,\d{3})+", result.stdout, re.MULTILINE), output
    assert re.search(r"\d+ open deals for East", result.stdout), output
