"""Properties on random edit sequences (amount edits, close-date pushes and pulls, stage moves, wins,
losses, reopenings, overrides, currency changes with or without a rate, deletions, restores, reassignments):
the movement waterfall starts at the pipeline as it was,
ends at the pipeline as it is, balances to the cent, per category too; and people's numbers add up to the
team's — on SQLite and on PostgreSQL."""
from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers.analytics.periods import Period
from handlers.forecast.results import OPEN_CATEGORIES, rollup
from handlers.forecast.waterfall import by_category, total_waterfall

START = datetime(2026, 3, 1, tzinfo=timezone.utc)
MARCH = Period("month", date(2026, 3, 1), date(2026, 3, 31), ZoneInfo("UTC"))
STAGES = ("lead", "qualified", "proposal", "negotiation", "won", "lost")
OUTCOME = {"won": "won", "lost": "lost"}
CATEGORY_WORDS = (None, "commit", "best_case", "pipeline", "omitted")
_workspaces = itertools.count()

new_deal = st.tuples(st.just("add"), st.integers(0, 2), st.integers(1, 10**7), st.sampled_from(STAGES[:4]),
                     st.integers(-20, 50))
edit = st.one_of(
    st.tuples(st.just("amount"), st.integers(0, 30), st.integers(1, 10**7)),
    st.tuples(st.just("close"), st.integers(0, 30), st.integers(-20, 50)),
    st.tuples(st.just("stage"), st.integers(0, 30), st.sampled_from(STAGES)),
    st.tuples(st.just("override"), st.integers(0, 30), st.sampled_from(CATEGORY_WORDS)),
    st.tuples(st.just("currency"), st.integers(0, 30), st.sampled_from(("USD", "EUR", "GBP"))),
    st.tuples(st.just("delete"), st.integers(0, 30)),
    st.tuples(st.just("restore"), st.integers(0, 30)),
    st.tuples(st.just("owner"), st.integers(0, 30), st.integers(0, 2)),
    new_deal)
# EUR has a rate (a factor in micro-cents per cent, 1.234567 → 1_234_567) or none; GBP never has one.
eur_rate = st.one_of(st.none(), st.integers(1, 5_000_000))
phases = st.tuples(st.lists(new_deal, min_size=1, max_size=6), st.lists(edit, max_size=15), eur_rate)
PROPERTY_SETTINGS = settings(max_examples=25, deadline=None,
                             suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


class Editor:
    """Applies generated edits through the repositories, each a minute after the one before."""

    def __init__(self, ws, eur_factor: int | None = None) -> None:
        self.ws, self.now, self.deals, self.reassigned = ws, START, [], False
        self.people = [ws.people.ensure(f"p{i}", f"Person {i}").id for i in range(3)]
        if eur_factor is not None:
            ws.fx.set(base="USD", currency="EUR", rate=str(eur_factor / 10**6), factor_micro=eur_factor,
                      actor_id=None, now=START)

    def apply(self, step) -> None:
        self.now += timedelta(minutes=1)
        kind, *args = step
        if kind == "add":
            owner, amount, stage, close = args
            self.deals.append(self.ws.deals.add(
                name=f"d{len(self.deals)}", owner_id=self.people[owner], amount_minor=amount, currency="USD",
                stage=stage, status="open", now=self.now, actor_id=None,
                expected_close=MARCH.first_day + timedelta(days=close)))
            return
        if not self.deals:
            return
        deal = self.deals[args[0] % len(self.deals)]
        if kind in ("delete", "restore"):
            self._bin(kind, deal)
        elif kind == "stage":
            if deal.stage != args[1]:
                self.ws.deals.move(deal, args[1], OUTCOME.get(args[1], "open"), None, self.now)
        else:
            field = {"amount": "amount_minor", "currency": "currency", "override": "forecast_category",
                     "close": "expected_close", "owner": "owner_id"}[kind]
            value = {"close": lambda: MARCH.first_day + timedelta(days=args[1]),
                     "owner": lambda: self.people[args[1]]}.get(kind, lambda: args[1])()
            self.reassigned |= kind == "owner" and deal.owner_id != value
            setattr(deal, field, value)
            deal.updated_at = self.now
        self.ws.session.flush()

    def _bin(self, kind: str, deal) -> None:
        if kind == "delete" and deal.deleted_at is None:
            self.ws.deals.soft_delete(deal, self.now)
        elif kind == "restore" and deal.deleted_at is not None:
            self.ws.deals.restore(deal, self.now)


def live(ws, owner_ids=None):
    return rollup(ws.forecast.category_sums(owner_ids, MARCH))


def live_by_category(ws) -> dict[str, int]:
    sums = ws.forecast.category_sums(None, MARCH)
    return {category: sum(s.amount_minor for s in sums if s.category == category) for category in OPEN_CATEGORIES}


@PROPERTY_SETTINGS
@given(phases)
def test_the_waterfall_runs_from_the_pipeline_then_to_the_pipeline_now(store, generated):
    before, after, eur = generated
    with store.workspace("console", f"moves-{next(_workspaces)}") as ws:
        editor = Editor(ws, eur)
        for step in before:
            editor.apply(step)
        then, then_by_category, since = live(ws).open_pipeline, live_by_category(ws), editor.now
        for step in after:
            editor.apply(step)
        groups = ws.forecast.movement(None, MARCH, since, editor.now)
        total = total_waterfall(groups)
        assert total.start == then and total.end == live(ws).open_pipeline and total.balances
        for category, waterfall in by_category(groups).items():
            assert waterfall.balances
            assert (waterfall.start, waterfall.end) == (then_by_category[category], live_by_category(ws)[category])


@PROPERTY_SETTINGS
@given(phases)
def test_peoples_numbers_add_up_to_the_teams(store, generated):
    before, after, eur = generated
    with store.workspace("console", f"sums-{next(_workspaces)}") as ws:
        editor = Editor(ws, eur)
        for step in before + after:
            editor.apply(step)
        team = set(editor.people)
        whole = live(ws, team)
        each = [live(ws, {person}) for person in editor.people]
        for number in ("closed", "commit", "best_case", "open_pipeline", "omitted"):
            assert getattr(whole, number) == sum(getattr(person, number) for person in each)
        since = START + timedelta(minutes=len(before))
        team_moves = total_waterfall(ws.forecast.movement(team, MARCH, since, editor.now))
        people_moves = [total_waterfall(ws.forecast.movement({p}, MARCH, since, editor.now)) for p in editor.people]
        assert team_moves.start == sum(w.start for w in people_moves)
        assert team_moves.end == sum(w.end for w in people_moves)
        assert team_moves.balances and all(w.balances for w in people_moves)
        team_steps = dict((k, a) for k, a, _ in team_moves.steps)
        # Within the team a reassignment moves a deal between people's waterfalls, never out of the team's.
        assert not {"reassigned_in", "reassigned_out"} & set(team_steps)
        if not editor.reassigned:  # then every other kind adds up person by person too
            for kind in {k for w in people_moves for k, _, _ in w.steps} | set(team_steps):
                assert team_steps.get(kind, 0) == sum(dict((k, a) for k, a, _ in w.steps).get(kind, 0)
                                                      for w in people_moves)
