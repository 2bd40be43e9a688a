"""Simulates six months of a sales team's selling (deals, stage moves, activities) as plain values."""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

OPEN_STAGES = ("lead", "qualified", "proposal", "negotiation")
CLOSED_STAGES = ("won", "lost")
HISTORY_DAYS = 182
DEAL_COUNT = 300
DEAL_ACTIVITIES = 2700
ACCOUNT_ACTIVITIES = 300
STALL_AFTER_DAYS = 22

ADVANCE = {"lead": 0.62, "qualified": 0.58, "proposal": 0.66, "negotiation": 0.7}  # chance to move on
DWELL_DAYS = {"lead": 10, "qualified": 15, "proposal": 20, "negotiation": 16}  # median time in stage
WEEKLY_TOUCHES = {"lead": 0.8, "qualified": 1.2, "proposal": 1.6, "negotiation": 2.2}  # deals that progress get more
SMALL_PROJECTS = ("Pilot", "Team licences", "Premium support", "Analytics add-on", "Security upgrade", "Phase 2",
                  "Data migration")  # what deals under $30k are usually about
LARGE_PROJECTS = ("Platform rollout", "Expansion", "Renewal and upsell", "Enterprise agreement", "Integration project",
                  "Regional rollout", "Cloud migration")
CONTACTS = ("Sarah", "Mike", "Jennifer", "David", "Laura", "Tom", "Rachel", "Chris", "Nina", "Paul", "Karen",
            "Steve", "Aisha", "Mark", "Elena", "Ben", "Grace", "Raj", "Hannah", "Luis")
LOST_REASONS = {
    "lead": ("No budget", "Not a fit for our product", "Went dark after the first call", "Just researching"),
    "qualified": ("No budget this year", "Decided to build in-house", "Staying with the incumbent vendor",
                  "Could not reach the decision maker"),
    "proposal": ("Lost to a competitor on features", "Price too high", "Project postponed to next year",
                 "Chose a cheaper competitor"),
    "negotiation": ("Lost on price in the final round", "Procurement chose the incumbent",
                    "Our champion left the company", "Could not agree legal terms", "Budget frozen by the CFO"),
}
NOTES = {
    "lead": (("call", "Intro call with {c}"), ("email", "Sent intro deck to {c}"),
             ("note", "Inbound from the webinar, {c} is comparing options"), ("call", "Left a voicemail for {c}"),
             ("email", "Booked a discovery call with {c}")),
    "qualified": (("meeting", "Discovery meeting with {c} and IT"), ("call", "Confirmed budget and timeline with {c}"),
                  ("email", "Shared two case studies with {c}"), ("demo", "Demo for {c}'s team"),
                  ("note", "{c} owns the budget; CFO signs above $50k")),
    "proposal": (("email", "Sent the proposal to {c}"), ("demo", "Technical demo for the ops team"),
                 ("meeting", "Walked {c} through pricing"), ("call", "Answered {c}'s questions on the proposal"),
                 ("visit", "On site with {c} to scope the rollout"), ("email", "Sent revised pricing to {c}"),
                 ("call", "Reference call set up for {c}")),
    "negotiation": (("call", "Discount discussion with procurement"), ("meeting", "Contract review with legal"),
                    ("email", "Sent redlines back to {c}"), ("visit", "On site with {c} to agree final terms"),
                    ("call", "{c} wants a longer payment term"), ("email", "Sent the order form to {c}")),
}
CHASE_NOTES = ("Chased {c} by email, no answer yet", "Left another voicemail for {c}", "{c} out of office")
ACCOUNT_NOTES = (("visit", "Quarterly business review with {c}"), ("call", "Check-in call with {c}"),
                 ("email", "Sent the product update to {c}"), ("meeting", "Account planning with {c}"),
                 ("note", "{c} is moving teams; need a new contact"))

Moves = list[tuple[datetime, str]]  # (when, to_stage); the first is the deal's creation


@dataclass(frozen=True)
class Rep:
    """A rep and how they sell, each knob relative to an average rep (1.0)."""

    user_id: str
    name: str
    team: str
    zone: str
    skill: float = 1.0  # chance to advance at each stage
    pace: float = 1.0  # time spent in each stage (lower is faster)
    hustle: float = 1.0  # activities logged per week
    volume: float = 1.0  # share of new deals
    size: float = 1.0  # deal amounts


@dataclass(frozen=True)
class Cast:
    """Who sells to whom: the reps, each team's accounts, and the partners deals may come through."""

    reps: tuple[Rep, ...]
    accounts: dict[str, tuple[str, ...]]  # by team
    partners: tuple[str, ...]
    partner_share: dict[str, float]  # by team: the share of its deals that come through a partner


@dataclass
class PlannedActivity:
    """One logged touch, on a deal (by number) or on an account only."""

    kind: str
    notes: str
    at: datetime
    owner: str
    account: str
    deal: int | None = None


@dataclass
class PlannedDeal:
    """A deal and its whole life."""

    owner: str
    partner: str | None
    amount_minor: int
    moves: Moves
    expected_close: date
    close_pushes: int = 0
    lost_reason: str | None = None
    account: str = ""
    name: str = ""
    number: int = 0
    touches: Touches | None = field(default=None, repr=False)


@dataclass
class Plan:
    """Every deal, numbered oldest first, and every activity."""

    deals: list[PlannedDeal]
    activities: list[PlannedActivity]


def plan_history(cast: Cast, now: datetime, seed: int = 24) -> Plan:
    """Six months of selling up to `now`: the same story for the same seed, dated relative to `now`."""
    rng = random.Random(seed)
    # One generator per deal keeps each deal's story independent of how many draws the others took.
    deals = [_plan_deal(random.Random(f"{seed}/{i}"), cast, rep, now) for i, rep in enumerate(_owners(rng, cast))]
    deals.sort(key=lambda deal: deal.moves[0][0])
    _assign_accounts(rng, cast, deals, now)
    for number, deal in enumerate(deals, start=1):
        deal.number = number
    budget = DEAL_ACTIVITIES / sum(deal.touches.weight for deal in deals)
    activities = [a for deal in deals for a in deal.touches.plan(rng, deal, budget)]
    return Plan(deals, activities + _account_touches(rng, cast, now))


def _owners(rng: random.Random, cast: Cast) -> list[Rep]:
    """Each rep's share of the deals, by their volume, in random order."""
    total = sum(rep.volume for rep in cast.reps)
    owners = [rep for rep in cast.reps for _ in range(round(DEAL_COUNT * rep.volume / total))]
    rng.shuffle(owners)
    return owners


def _plan_deal(rng: random.Random, cast: Cast, rep: Rep, now: datetime) -> PlannedDeal:
    partner = rng.choice(cast.partners) if rng.random() < cast.partner_share[rep.team] else None
    amount = _amount_minor(rng, rep)
    # More deals recently than six months ago: a growing business.
    age = timedelta(days=1 + (HISTORY_DAYS - 1) * rng.random() ** 1.2)
    created = min(_workday(rng, now - age, rep.zone), now - timedelta(hours=1))
    moves, stuck = _walk(rng, rep, created, now, amount)
    deal = PlannedDeal(rep.user_id, partner, amount, moves, _first_close_date(rng, rep, created, moves[0][1]))
    if moves[-1][1] == "lost":
        deal.lost_reason = rng.choice(LOST_REASONS[moves[-2][1]])
    deal.touches = Touches(rep, moves, now, stuck, rng)
    _push_close_dates(rng, deal, deal.touches.last)
    return deal


def _assign_accounts(rng: random.Random, cast: Cast, deals: list[PlannedDeal], now: datetime) -> None:
    """Oldest first, each deal goes to a team account with few deals open at the time, and is named."""
    teams = {rep.user_id: rep.team for rep in cast.reps}
    ends: dict[str, list[datetime]] = {}
    used: set[str] = set()
    for deal in deals:
        created = deal.moves[0][0]

        def load(account: str) -> float:
            # A customer rarely has several deals on the go at once; busy accounts are picked last.
            past = ends.get(account, [])
            return 10 * sum(end > created for end in past) + len(past) + 3 * rng.random()
        deal.account = min(cast.accounts[teams[deal.owner]], key=load)
        deal.name = _deal_name(rng, deal, used)
        ends.setdefault(deal.account, []).append(deal.moves[-1][0] if deal.moves[-1][1] in CLOSED_STAGES else now)


def _deal_name(rng: random.Random, deal: PlannedDeal, used: set[str]) -> str:
    """`Account - Project`, a project that fits the amount if the account has not had it yet."""
    small = deal.amount_minor < 30_000_00
    fitting, other = (SMALL_PROJECTS, LARGE_PROJECTS) if small else (LARGE_PROJECTS, SMALL_PROJECTS)
    projects = rng.sample(fitting, len(fitting)) + rng.sample(other, len(other))
    name = next(n for p in projects if (n := f"{deal.account} - {p}") not in used)
    used.add(name)
    return name


def _amount_minor(rng: random.Random, rep: Rep) -> int:
    """Log-normal around $28k, within $5k–$250k (redrawn outside it), rounded to hundreds of dollars."""
    dollars = 0.0
    while not 5_000 <= dollars <= 250_000:
        dollars = 28_000 * rep.size * math.exp(rng.gauss(0, 0.85))
    return int(round(dollars, -2)) * 100


def _walk(rng: random.Random, rep: Rep, created: datetime, now: datetime, amount_minor: int) -> tuple[Moves, bool]:
    """Move the deal on stage by stage until it closes or its next move would be after `now`."""
    moves = [(created, _first_stage(rng, now - created))]
    while moves[-1][1] in OPEN_STAGES:
        stage = moves[-1][1]
        stuck = rng.random() < 0.07 / rep.skill
        days = _dwell_days(rng, stage, rep, amount_minor) * (rng.uniform(3, 6) if stuck else 1)
        when = max(_workday(rng, moves[-1][0] + timedelta(days=days), rep.zone), moves[-1][0] + timedelta(hours=2))
        if when > now:
            return moves, stuck
        moves.append((when, _next_stage(rng, stage, rep, stuck)))
    return moves, False


def _first_stage(rng: random.Random, age: timedelta) -> str:
    """Half the deals are opened once qualified; the oldest month also holds the deals in flight when
    the team started using salesbot, entered at whatever stage they had reached."""
    weights = (1, 3, 3, 2) if age > timedelta(days=HISTORY_DAYS - 30) else (1, 1, 0, 0)
    return rng.choices(OPEN_STAGES, weights=weights)[0]


def _dwell_days(rng: random.Random, stage: str, rep: Rep, amount_minor: int) -> float:
    size = (amount_minor / 3_000_000) ** 0.3  # bigger deals take longer
    return max(1.0, DWELL_DAYS[stage] * rep.pace * size * math.exp(rng.gauss(0, 0.5)))


def _next_stage(rng: random.Random, stage: str, rep: Rep, stuck: bool) -> str:
    # Skill compounds over four stages, so each stage feels only its square root.
    chance = min(0.92, ADVANCE[stage] * math.sqrt(rep.skill) * (0.5 if stuck else 1.0))
    if rng.random() >= chance:
        return "lost"
    index = OPEN_STAGES.index(stage)
    if index == len(OPEN_STAGES) - 1:
        return "won"
    skip = index + 2 < len(OPEN_STAGES) and rng.random() < 0.06
    return OPEN_STAGES[index + (2 if skip else 1)]


def _first_close_date(rng: random.Random, rep: Rep, created: datetime, stage: str) -> date:
    """Reps are optimistic: the first close date is sooner than the cycle usually takes."""
    ahead = OPEN_STAGES[OPEN_STAGES.index(stage):]
    return (created + timedelta(days=sum(DWELL_DAYS[s] for s in ahead) * rep.pace * rng.uniform(0.6, 1.1))).date()


def _push_close_dates(rng: random.Random, deal: PlannedDeal, last_touch: datetime) -> None:
    """Fortnightly pipeline reviews usually push an overdue close date out; they stop when the owner stops
    touching the deal, so stalled deals keep a close date in the past."""
    review = deal.moves[0][0]
    while (review := review + timedelta(days=14)) <= last_touch:
        if deal.expected_close < review.date() and rng.random() < 0.7:
            deal.expected_close = review.date() + timedelta(days=rng.randint(7, 30))
            deal.close_pushes += 1
    if deal.moves[-1][1] == "won":
        deal.expected_close = deal.moves[-1][0].date()


class Touches:
    """When, how often and about what a deal's owner logs activities over its life."""

    def __init__(self, rep: Rep, moves: Moves, now: datetime, stuck: bool, rng: random.Random) -> None:
        self.rep, self.final_stage, self.decks = rep, moves[-1][1], {}
        self.last = _last_touch(rng, moves, now, stuck)
        ends = [when for when, _ in moves[1:]] + [self.last]
        self.spans = [(start, min(end, self.last), stage) for (start, stage), end in zip(moves, ends)
                      if stage in OPEN_STAGES and start < self.last]
        self.stalled = stuck and self.final_stage in OPEN_STAGES and self.last < now - timedelta(days=21)
        self.weight = rep.hustle * sum(_days(a, b) * WEEKLY_TOUCHES[s] / 7 for a, b, s in self.spans)

    def plan(self, rng: random.Random, deal: PlannedDeal, budget: float) -> list[PlannedActivity]:
        """The deal's activities: spread over its open stages, the last one on its last touch."""
        count = max(1, round(self.weight * budget))
        touches = [self._touch(rng, deal, *self._moment(rng)) for _ in range(count - 1)]
        return touches + [self._touch(rng, deal, self.last, self._final_note(rng, deal))]

    def _moment(self, rng: random.Random) -> tuple[datetime, tuple[str, str]]:
        weights = [max(_days(a, b), 0.01) * WEEKLY_TOUCHES[s] for a, b, s in self.spans]
        start, end, stage = rng.choices(self.spans, weights=weights)[0]
        when = _workday(rng, start + (end - start) * rng.random(), self.rep.zone)
        return min(max(when, start), end), self._note(rng, stage)

    def _note(self, rng: random.Random, stage: str) -> tuple[str, str]:
        """A stage's notes are dealt like cards, so one deal rarely repeats itself."""
        if not self.decks.get(stage):
            self.decks[stage] = rng.sample(NOTES[stage], len(NOTES[stage]))
        return self.decks[stage].pop()

    def _final_note(self, rng: random.Random, deal: PlannedDeal) -> tuple[str, str]:
        if self.final_stage == "won":
            return "note", "Contract signed by {c}, kickoff being scheduled"
        if self.final_stage == "lost":
            return "note", f"Closed lost: {deal.lost_reason}"
        return ("email", rng.choice(CHASE_NOTES)) if self.stalled else self._note(rng, self.final_stage)

    def _touch(self, rng: random.Random, deal: PlannedDeal, when: datetime, note: tuple[str, str]) -> PlannedActivity:
        kind, text = note
        return PlannedActivity(kind, text.format(c=_contact(rng, deal.account)), when, self.rep.user_id,
                               deal.account, deal.number)


def _last_touch(rng: random.Random, moves: Moves, now: datetime, stuck: bool) -> datetime:
    """Closed deals: the close. Stalled ones: weeks ago. Live ones: within the last days."""
    entered, stage = moves[-1]
    if stage not in OPEN_STAGES:
        return entered
    if stuck and entered < now - timedelta(days=STALL_AFTER_DAYS + 3):
        return max(entered + timedelta(hours=1), now - timedelta(days=rng.uniform(STALL_AFTER_DAYS, 60)))
    return max(entered, now - timedelta(days=rng.choice((1, 2, 3, 5, 8, 12, 17)) * rng.random()))


def _account_touches(rng: random.Random, cast: Cast, now: datetime) -> list[PlannedActivity]:
    """Touches on accounts outside any deal: reviews, check-ins, updates."""
    touches = []
    for _ in range(ACCOUNT_ACTIVITIES):
        rep = rng.choices(cast.reps, weights=[r.hustle for r in cast.reps])[0]
        account = rng.choice(cast.accounts[rep.team])
        when = min(now, _workday(rng, now - timedelta(days=rng.uniform(0, HISTORY_DAYS)), rep.zone))
        kind, text = rng.choice(ACCOUNT_NOTES)
        touches.append(PlannedActivity(kind, text.format(c=_contact(rng, account)), when, rep.user_id, account))
    return touches


def _contact(rng: random.Random, account: str) -> str:
    """One of the account's two contacts, the same two every time."""
    first = sum(map(ord, account)) % len(CONTACTS)
    return CONTACTS[(first + rng.choice((0, 7))) % len(CONTACTS)]


def _workday(rng: random.Random, moment: datetime, zone: str) -> datetime:
    """The moment moved into working hours (8:00–18:00) in the rep's own timezone; weekends become a
    weekday of the same week."""
    local = moment.astimezone(ZoneInfo(zone))
    # Always draw both numbers, so the story does not depend on which weekday today is.
    weekday, minutes = rng.randint(0, 4), rng.randint(8 * 60, 18 * 60 - 1)
    if local.weekday() >= 5:
        local -= timedelta(days=local.weekday() - weekday)
    local = local.replace(hour=minutes // 60, minute=minutes % 60, second=0, microsecond=0)
    return local.astimezone(moment.tzinfo)


def _days(start: datetime, end: datetime) -> float:
    return max(0.0, (end - start).total_seconds() / 86400)
