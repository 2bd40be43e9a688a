"""The demo's team rhythm: kudos, training, market intel, CSAT scores, approvals, a 1:1 and key accounts,
dated around `now`."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select

from handlers.rhythm.key_care import idle_days, open_lapse_follow_ups
from handlers.schedules.one_on_one import TEMPLATE as ONE_ON_ONE
from storage.models import Account, Activity, Deal, Person
from storage.rhythm_models import Approval, CsatScore, IntelNote, Kudos, KeyAccount, TrainingAssignment
from storage.rhythm_models import TrainingItem
from storage.scoped import name_key
from storage.store import WorkspaceStore

# (giver, receiver, days ago, why)
KUDOS = (
    ("maria", "olivia", 2, "closed Keystone Manufacturing a month early"),
    ("james", "sophia", 4, "covered my demo at Harborview on an hour's notice"),
    ("maria", "ethan", 6, "kept calling Atlantic Freight until they picked up — and booked the demo"),
    ("daniel", "emma", 1, "the cleanest discovery notes in the team"),
    ("lucas", "noah", 9, "shared his Sierra Solar proposal as a template"),
    ("daniel", "lucas", 12, "two wins in one week"),
    ("priya", "amelia", 3, "got Brightline to co-fund the Kestrel pilot"),
    ("oliver", "isla", 8, "rescued the Pennine Water renewal"),
    ("priya", "harry", 15, "first partner-sourced deal"),
)
# (title, url, due in days (negative: overdue), team, who has done it)
TRAINING = (
    ("Negotiation basics", "https://learn.example.com/negotiation", 10, "East", ("olivia",)),
    ("Discovery call playbook", "https://learn.example.com/discovery", -3, "West", ("emma", "lucas")),
    ("Partner program certification", None, 30, "Channel", ()),
)
# (who, days ago, competitor, account, note)
INTEL = (
    ("olivia", 1, "Globex", "Keystone Manufacturing", "Globex offered 20% off a three-year term"),
    ("james", 3, "Globex", "Harborview Logistics", "Globex demoed a new route-planning add-on"),
    ("ethan", 5, "Initech", "Atlantic Freight", "Initech is bundling onboarding for free this quarter"),
    ("emma", 2, "Initech", "Pacific Crest Software", "their CTO liked Initech's API but worries about support"),
    ("noah", 6, None, "Sierra Solar", "budgets freeze on Dec 15 — anything later slips to Q1"),
    ("amelia", 2, "Umbrella CRM", "Kestrel Engineering", "Umbrella CRM is courting Brightline's resellers"),
    ("harry", 4, "Globex", "Pennine Water", "Globex lost a reference customer in the utilities sector"),
)
# (account, days ago, score, comment)
CSAT = (
    ("Keystone Manufacturing", 5, 5, "onboarding went smoothly"), ("Keystone Manufacturing", 70, 4, None),
    ("Harborview Logistics", 12, 4, None), ("Harborview Logistics", 100, 3, "slow answers in October"),
    ("Atlantic Freight", 3, 2, "invoice errors two months running"), ("Pacific Crest Software", 8, 5, None),
    ("Sierra Solar", 20, 4, None), ("Sierra Solar", 130, 3, None), ("Golden Gate Biotech", 40, 5, None),
    ("Kestrel Engineering", 6, 4, "good pilot"), ("Pennine Water", 15, 1, "missed the go-live date"),
    ("Thameside Retail", 55, 4, None), ("Albion Insurance Group", 90, 5, None),
)

# Key accounts, one or two per team; cadences in days, the shortest that the account keeps (see seed_key_accounts).
KEY_ACCOUNTS = ("Keystone Manufacturing", "Harborview Logistics", "Pacific Crest Software", "Sierra Solar",
                "Pennine Water", "Kestrel Engineering")
CADENCES = (14, 30, 60, 90)
MARKED_DAYS_AGO = 120
LAPSED_CADENCES = (30, 14, 7, 5, 3, 2, 1)  # the quiet customer gets the longest of these it has broken by a day or more
LAPSED_TEAM = "East"  # the demo manager's team: `risks team` and her digest show the lapse


def seed_rhythm(ws: WorkspaceStore, people: dict[str, Person], now: datetime) -> None:
    wid, session = ws.workspace.id, ws.session
    ids = {user_id: person.id for user_id, person in people.items()}
    session.add_all(Kudos(workspace_id=wid, giver_id=ids[g], receiver_id=ids[r], why=why,
                          given_at=now - timedelta(days=days, hours=3)) for g, r, days, why in KUDOS)
    for title, url, due_in, team_name, done in TRAINING:
        _training(ws, ids, people, title, url, now, due_in, team_name, done)
    account_id = lambda name: ws.accounts.ensure(name).id  # noqa: E731 (every demo account exists already)
    session.add_all(IntelNote(workspace_id=wid, person_id=ids[who], note=note, competitor=competitor,
                              competitor_key=name_key(competitor) if competitor else None,
                              account_id=account_id(account), noted_at=now - timedelta(days=days, hours=5))
                    for who, days, competitor, account, note in INTEL)
    session.add_all(CsatScore(workspace_id=wid, account_id=account_id(account), score=score, comment=comment,
                              logged_by=None, scored_at=now - timedelta(days=days, hours=2))
                    for account, days, score, comment in CSAT)
    _approvals(ws, ids, now)
    _one_on_one(ws, people["maria"], people["olivia"], now)
    session.flush()


def _one_on_one(ws: WorkspaceStore, manager: Person, rep: Person, now: datetime) -> None:
    """Maria's weekly 1:1 with Olivia: its reminder DMs both of them Olivia's scorecard (`meeting add "1:1 with
    @olivia…" weekly thu 10:00 remind=30m` as Maria would type it)."""
    ws.schedules.add("meeting", owner_id=manager.id, title=f"1:1 with @{rep.handle}", rule="weekly", rule_day=3,
                     at_time="10:00", timezone=manager.timezone or ws.workspace.timezone, target="dm",
                     channel_id=None, team_id=None, remind_minutes=30, template=ONE_ON_ONE, subject_id=rep.id,
                     created_at=now - timedelta(days=7))


def _training(ws, ids, people, title, url, now, due_in, team_name, done) -> None:
    team = ws.teams.by_name(team_name)
    item = TrainingItem(workspace_id=ws.workspace.id, title=title, url=url, due=(now + timedelta(days=due_in)).date(),
                        created_by=team.manager_id, created_at=now - timedelta(days=14))
    ws.session.add(item)
    ws.session.flush()
    done_ids = {ids[user_id] for user_id in done}
    for member in ws.teams.members(team):
        if member.id == team.manager_id:
            continue
        ws.session.add(TrainingAssignment(workspace_id=ws.workspace.id, item_id=item.id, person_id=member.id,
                                          done_at=now - timedelta(days=2) if member.id in done_ids else None))


def _approvals(ws: WorkspaceStore, ids: dict[str, int], now: datetime) -> None:
    """A pending discount for Maria, a decided registration on a Channel partner deal, a rejected one."""
    def open_deal(owner: str, with_partner: bool = False):
        query = select(Deal).where(Deal.workspace_id == ws.workspace.id, Deal.owner_id == ids[owner],
                                   Deal.status == "open")
        if with_partner:
            query = query.where(col(Deal.partner_id).is_not(None))
        return ws.session.exec(query.order_by(col(Deal.amount_minor).desc())).first()

    rows = []
    if deal := open_deal("olivia"):
        rows.append(Approval(workspace_id=ws.workspace.id, deal_id=deal.id, requester_id=ids["olivia"],
                             approver_id=ids["maria"], kind="discount", what="a 12% discount", discount_percent=12,
                             why="three-year commitment", asked_at=now - timedelta(days=2)))
    if deal := open_deal("amelia", with_partner=True):
        rows.append(Approval(workspace_id=ws.workspace.id, deal_id=deal.id, requester_id=ids["amelia"],
                             approver_id=ids["priya"], kind="registration", what="a partner registration",
                             status="approved", decided_by=ids["priya"], decided_at=now - timedelta(days=6),
                             asked_at=now - timedelta(days=7)))
    if deal := open_deal("noah"):
        rows.append(Approval(workspace_id=ws.workspace.id, deal_id=deal.id, requester_id=ids["noah"],
                             approver_id=ids["daniel"], kind="discount", what="a 30% discount", discount_percent=30,
                             status="rejected", decided_by=ids["daniel"], decided_at=now - timedelta(days=1),
                             reason="margin too thin — offer 15% with a longer term", asked_at=now - timedelta(days=3)))
    ws.session.add_all(rows)


def seed_key_accounts(ws: WorkspaceStore, now: datetime) -> None:
    """After the account owners are set (seed_crm): the named accounts, each with the shortest cadence it keeps,
    and East's won customer that has been quiet longest (counting its own activities), on the longest of a
    30- to 1-day cadence it has broken — so it is lapsed and its owner has the follow-up task the scheduler
    would open. What the demo shows is computed, not asserted."""
    repo = ws.rhythm.key_accounts
    accounts = [a for a in (ws.accounts.by_name(name) for name in KEY_ACCOUNTS) if a is not None and a.owner_id]
    for account in accounts:
        _mark(ws, account, now)
    # The account's last touch counts its own activities too, so every candidate is measured as a key account;
    # the quietest of them lapses (the demo's random history may leave East's customers all touched lately).
    measured = []
    for candidate in _quiet_customers(ws, {p.id for p in ws.teams.members(ws.teams.by_name(LAPSED_TEAM))}):
        if candidate not in accounts:
            _mark(ws, candidate, now)
        measured.append((idle_days(repo.states(account_id=candidate.id)[0], now), candidate))
        if candidate not in accounts:
            repo.unmark(candidate.id)
    quiet_days, quiet = max(measured, key=lambda pair: pair[0], default=(0, None))
    if quiet_days <= LAPSED_CADENCES[-1]:
        quiet = None  # all touched within a day: no cadence is broken by a whole day
    elif quiet not in accounts:
        _mark(ws, quiet, now)
    for state in repo.states():
        keeps = [days for days in CADENCES if days > idle_days(state, now)]
        if quiet and state.account_id == quiet.id:
            # broken by a whole day at least, so the lapse holds whatever the hour the demo starts at
            broken = [days for days in LAPSED_CADENCES if days < idle_days(state, now)]
            every = broken[0] if broken else LAPSED_CADENCES[-1]
        else:
            every = keeps[0] if keeps else CADENCES[-1]
        repo.mark(state.account_id, every, state.owner_id, now)
    open_lapse_follow_ups(ws, now)


def _mark(ws: WorkspaceStore, account: Account, now: datetime) -> None:
    ws.session.add(KeyAccount(workspace_id=ws.workspace.id, account_id=account.id, every_days=CADENCES[-1],
                              marked_by=account.owner_id, marked_at=now - timedelta(days=MARKED_DAYS_AGO)))
    ws.session.flush()


def _quiet_customers(ws: WorkspaceStore, owner_ids: set[int]) -> list:
    """Accounts of `owner_ids` with a won deal, the one whose deals' last activity is oldest first."""
    last = func.max(Activity.occurred_at)
    query = (select(Account).join(Deal, Deal.account_id == Account.id)
             .join(Activity, Activity.deal_id == Deal.id)
             .where(Account.workspace_id == ws.workspace.id, col(Account.owner_id).in_(owner_ids),
                    col(Activity.deleted_at).is_(None),
                    Account.id.in_(select(Deal.account_id).where(Deal.workspace_id == ws.workspace.id,
                                                                 Deal.status == "won")))
             .group_by(Account.id).order_by(last, Account.id))
    return list(ws.session.exec(query))
