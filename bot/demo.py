"""The demo sales org (an admin, three teams, their customers) and seeding it once into the workspace "demo"."""
from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert
from sqlmodel import Session, select

from bot.demo_tasks import seed_tasks_and_rates
from bot.demo_forecast import seed_forecast
from bot.demo_crm import seed_crm
from bot.demo_rhythm import seed_key_accounts, seed_rhythm
from bot.demo_data import CLOSED_STAGES, Cast, Plan, PlannedDeal, Rep, plan_history
from storage.models import Activity, Deal, Person, SalesTeam, StageChange, Target
from storage.people import make_handle
from storage.scoped import name_key
from storage.store import Store, WorkspaceStore
from handlers.clock import utc_now

DEMO_WORKSPACE = "demo"
DEMO_MANAGER = "maria"
DEMO_PLATFORM = "console"
DEMO_TIMEZONE = "America/New_York"
DEMO_CURRENCY = "USD"
BATCH = 1000
NY, LA, LONDON = "America/New_York", "America/Los_Angeles", "Europe/London"

# team -> (timezone, manager's platform id, manager's name); the admin belongs to no team.
TEAMS = {"East": (NY, "maria", "Maria Lopez"), "West": (LA, "daniel", "Daniel Kim"),
         "Channel": (LONDON, "priya", "Priya Shah")}
ADMIN = ("admin", "Alex Admin", NY)
REPS = (
    Rep("olivia", "Olivia Bennett", "East", NY, skill=1.3, pace=0.75, hustle=1.5, volume=1.3, size=1.25),  # the star
    Rep("james", "James Carter", "East", NY),
    Rep("sophia", "Sophia Turner", "East", NY, skill=1.05, size=0.9),
    Rep("ethan", "Ethan Brooks", "East", NY, skill=0.7, pace=1.4, hustle=0.55, volume=0.9, size=0.8),  # struggling
    Rep("lucas", "Lucas Rivera", "West", LA, skill=1.1, volume=1.1),
    Rep("emma", "Emma Nguyen", "West", LA, skill=1.15, pace=0.9, hustle=1.1),
    Rep("noah", "Noah Patel", "West", LA, skill=0.85, pace=1.15, size=1.3),
    Rep("ava", "Ava Thompson", "West", LA, skill=0.95, hustle=0.9),
    Rep("oliver", "Oliver Hughes", "Channel", LONDON, size=1.1),
    Rep("amelia", "Amelia Clarke", "Channel", LONDON, skill=1.1, hustle=1.15),
    Rep("harry", "Harry Wilson", "Channel", LONDON, skill=0.85, pace=1.2, hustle=0.85),
    Rep("isla", "Isla Murphy", "Channel", LONDON, volume=0.9),
)
ACCOUNTS = {
    "East": tuple(
        "Harborview Logistics, Granite State Insurance, Beacon Hill Dental Group, Atlantic Freight, "
        "Hudson Valley Foods, Keystone Manufacturing, Patriot Health System, Liberty Community Credit Union, "
        "Brightwater Pharmaceuticals, Capital City Bank, Meridian Textiles, Ironbridge Construction, "
        "Cedar Point Retail, Chesapeake Marine Supply, Bluestone Analytics, Northgate University, "
        "Riverside Medical Center, Summit Packaging, Empire Office Supply, Palmetto Energy".split(", ")),
    "West": tuple(
        "Pacific Crest Software, Redwood Outdoor Gear, Golden Gate Biotech, Sierra Solar, "
        "Cascade Coffee Roasters, Mojave Mining, Sunset Media Group, Bayside Semiconductors, "
        "Rainier Health Partners, Silverline Aerospace, Coastal Credit Union, Desert Bloom Farms, "
        "Evergreen Logistics, Lumen Robotics, Pinnacle Property Group, Willamette Paper, Tahoe Resorts, "
        "Mission Bay Hospital, Orchard Valley Foods, Nimbus Cloud Services".split(", ")),
    "Channel": tuple(
        "Thameside Retail, Albion Insurance Group, Kestrel Engineering, Pennine Water, Highland Distillers, "
        "Brightwell Schools Trust, Mercia Housing, Oxbridge Analytics, Camden Creative, Severn Logistics, "
        "Nordhafen GmbH, Lumiere Cosmetiques, Vantaa Components, Dublin Fintech Labs, "
        "Rotterdam Port Services, Clyde Shipbuilders, Wessex Farms, Belgravia Hotels, Solent Marine, "
        "Cotswold Foods".split(", ")),
}
PARTNERS = {"Brightline Distribution": "distributor", "Meridian Channel Group": "distributor",
            "Crestview Solutions": "reseller", "Keystone IT Partners": "reseller",
            "Northstar Integrators": "reseller", "BluePeak Cloud": "reseller"}
# Channel deals mostly come through partners; the direct teams bring one in now and then.
CAST = Cast(REPS, ACCOUNTS, tuple(PARTNERS), partner_share={"East": 0.12, "West": 0.12, "Channel": 0.7})


def seed_demo(store: Store, now: datetime | None = None) -> bool:
    """Seed the demo workspace; False, and nothing written, when it already has deals."""
    now = now or utc_now()
    with store.workspace(DEMO_PLATFORM, DEMO_WORKSPACE, DEMO_WORKSPACE) as ws:
        if _has_deals(ws):
            return False
        ws.workspace.timezone, ws.workspace.currency = DEMO_TIMEZONE, DEMO_CURRENCY
        people = _seed_people(ws)
        teams = _seed_teams(ws, people)
        plan = plan_history(CAST, now)
        accounts = {name: ws.accounts.ensure(name).id for names in ACCOUNTS.values() for name in names}
        ids = _Ids(people, accounts, _ensure_partners(ws))
        deals = _seed_deals(ws, plan, ids)
        _seed_activities(ws, plan, ids, deals)
        _add_in_batches(ws.session, _targets(ws.workspace.id, plan, people, teams, now))
        seed_tasks_and_rates(ws, people, now)
        seed_rhythm(ws, people, now)
        seed_forecast(ws, people, teams, now, DEMO_TIMEZONE)
        seed_crm(ws, now)
        seed_key_accounts(ws, now)  # needs the account owners seed_crm sets
    return True


def demo_person(store: Store, typed: str) -> tuple[str, str, str] | None:
    """The demo person `--as` names, by platform id, handle or name (any case): (id, name, role)."""
    wanted = typed.strip().lstrip("@").casefold()
    with store.workspace(DEMO_PLATFORM, DEMO_WORKSPACE, DEMO_WORKSPACE) as ws:
        for person in ws.people.all():
            names = {person.platform_user_id.casefold(), person.handle, person.display_name.casefold(),
                     person.display_name.split()[0].casefold() if person.display_name.split() else ""}
            if wanted in names:
                return person.platform_user_id, person.display_name, person.role
    return None


def _has_deals(ws: WorkspaceStore) -> bool:
    query = select(func.count()).select_from(Deal).where(Deal.workspace_id == ws.workspace.id)
    return ws.session.exec(query).one() > 0


def _seed_people(ws: WorkspaceStore) -> dict[str, Person]:
    """Everyone, by platform id; roles are set outright rather than left to who was seen first."""
    everyone = [(ADMIN, "admin")]
    everyone += [((user_id, name, zone), "manager") for zone, user_id, name in TEAMS.values()]
    everyone += [((rep.user_id, rep.name, rep.zone), "rep") for rep in REPS]
    people = {}
    for (user_id, name, zone), role in everyone:
        person = ws.people.ensure(user_id, name, zone)
        # Someone may have opened the empty demo before: give them their demo name and role.
        person.display_name, person.handle = name, make_handle(name)
        ws.people.set_role(person, role)
        people[user_id] = person
    return people


def _seed_teams(ws: WorkspaceStore, people: dict[str, Person]) -> dict[str, SalesTeam]:
    teams = {}
    for name, (zone, manager, _) in TEAMS.items():
        team = ws.teams.by_name(name) or ws.teams.create(name)
        team.timezone = zone
        ws.teams.set_manager(team, people[manager])
        for rep in (r for r in REPS if r.team == name):
            ws.teams.add_member(team, people[rep.user_id])
        teams[name] = team
    return teams


def _ensure_partners(ws: WorkspaceStore) -> dict[str, int]:
    partners = {}
    for name, kind in PARTNERS.items():
        partner = ws.partners.ensure(name)
        partner.kind = kind
        partners[name] = partner.id
    return partners


class _Ids:
    """Row ids of the seeded people, accounts and partners, by the names the plan uses."""

    def __init__(self, people: dict[str, Person], accounts: dict[str, int], partners: dict[str, int]) -> None:
        self.people = {user_id: person.id for user_id, person in people.items()}
        self.accounts, self.partners = accounts, partners


def _seed_deals(ws: WorkspaceStore, plan: Plan, ids: _Ids) -> dict[int, Deal]:
    """Deals numbered #1..#N oldest first, each with its full stage history."""
    last_touch: dict[int, datetime] = {}
    for activity in plan.activities:
        if activity.deal is not None:
            last_touch[activity.deal] = max(activity.at, last_touch.get(activity.deal, activity.at))
    deals = {p.number: _deal_row(ws.workspace.id, p, ids, last_touch.get(p.number)) for p in plan.deals}
    _add_in_batches(ws.session, list(deals.values()))
    changes = [change for p in plan.deals for change in _history(ws.workspace.id, p, deals[p.number], ids)]
    _insert_in_batches(ws.session, StageChange, changes)
    ws.workspace.next_deal_number = len(deals) + 1
    return deals


def _deal_row(workspace_id: int, planned: PlannedDeal, ids: _Ids, last_touch: datetime | None) -> Deal:
    created, entered, stage = planned.moves[0][0], *planned.moves[-1]
    status = stage if stage in CLOSED_STAGES else "open"
    return Deal(workspace_id=workspace_id, number=planned.number, name=planned.name, name_key=name_key(planned.name),
                account_id=ids.accounts[planned.account], partner_id=ids.partners.get(planned.partner),
                owner_id=ids.people[planned.owner], amount_minor=planned.amount_minor, currency=DEMO_CURRENCY,
                stage=stage, status=status, expected_close=planned.expected_close,
                close_pushes=planned.close_pushes, lost_reason=planned.lost_reason, last_activity_at=last_touch,
                created_at=created, updated_at=entered, stage_entered_at=entered,
                closed_at=entered if status != "open" else None)


def _history(workspace_id: int, planned: PlannedDeal, deal: Deal, ids: _Ids) -> list[dict]:
    stages = [None] + [stage for _, stage in planned.moves]
    return [dict(workspace_id=workspace_id, deal_id=deal.id, from_stage=before, to_stage=stage, changed_at=when,
                 actor_id=ids.people[planned.owner])
            for before, (when, stage) in zip(stages, planned.moves)]


def _seed_activities(ws: WorkspaceStore, plan: Plan, ids: _Ids, deals: dict[int, Deal]) -> None:
    rows = [dict(workspace_id=ws.workspace.id, kind=a.kind, notes=a.notes, person_id=ids.people[a.owner],
                 deal_id=deals[a.deal].id if a.deal else None, account_id=ids.accounts[a.account], occurred_at=a.at)
            for a in sorted(plan.activities, key=lambda a: a.at)]
    _insert_in_batches(ws.session, Activity, rows)


def _add_in_batches(session: Session, rows: list) -> None:
    for start in range(0, len(rows), BATCH):
        session.add_all(rows[start:start + BATCH])
        session.flush()


def _insert_in_batches(session: Session, model: type, rows: list[dict]) -> None:
    """Core executemany on the table: thousands of rows whose ids nobody needs back skip the ORM entirely."""
    for start in range(0, len(rows), BATCH):
        session.execute(insert(model.__table__), rows[start:start + BATCH])


def _targets(workspace_id: int, plan: Plan, people: dict[str, Person], teams: dict[str, SalesTeam],
             now: datetime) -> list[Target]:
    """This month's and this quarter's goals: the same quota for every rep, a team's is its reps' sum."""
    quota, calls = _monthly_goals(plan, now)
    rows = []
    for label, start, end, months in _periods(now.astimezone(ZoneInfo(DEMO_TIMEZONE)).date()):
        period = {"workspace_id": workspace_id, "period_label": label, "period_start": start, "period_end": end}
        for rep in REPS:
            person_id = people[rep.user_id].id
            rows.append(Target(person_id=person_id, metric="won_value", value=quota * months, **period))
            rows.append(Target(person_id=person_id, metric="activities", value=calls * months, **period))
        for name, team in teams.items():
            reps = sum(1 for rep in REPS if rep.team == name)
            rows.append(Target(team_id=team.id, metric="won_value", value=quota * months * reps, **period))
    return rows


def _monthly_goals(plan: Plan, now: datetime) -> tuple[int, int]:
    """A stretch over what an average rep did in the last three months: won value (whole $5k) and touches."""
    since = now - timedelta(days=91)
    won = sum(d.amount_minor for d in plan.deals if d.moves[-1][1] == "won" and d.moves[-1][0] >= since)
    touches = sum(1 for a in plan.activities if a.at >= since)
    step = 5_000_00
    quota = max(step, round(won * 1.1 / 3 / len(REPS) / step) * step)
    return quota, max(10, round(touches * 1.1 / 3 / len(REPS) / 5) * 5)


def _periods(today: date) -> list[tuple[str, date, date, int]]:
    """(label, first day, last day, months) of the month and the quarter `today` is in."""
    quarter = (today.month - 1) // 3
    first_month, last_month = 3 * quarter + 1, 3 * quarter + 3
    return [(f"{today:%Y-%m}", today.replace(day=1), _month_end(today.year, today.month), 1),
            (f"{today.year}-Q{quarter + 1}", date(today.year, first_month, 1), _month_end(today.year, last_month), 3)]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
