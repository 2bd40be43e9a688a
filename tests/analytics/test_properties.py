"""Properties of the analytics on random histories: rates stay within 0..1, a cohort's funnel never
widens, and every person's numbers add up to their team's — on SQLite and on PostgreSQL."""
from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers.analytics.results import METRICS
from storage.analytics import funnel, kpi, per_person
from storage.analytics.funnel import funnels, history, typical_stays

START = datetime(2026, 1, 1, tzinfo=timezone.utc)
WINDOW_END = START + timedelta(days=60)  # every generated event falls before this
STAGES = ("lead", "qualified", "proposal", "negotiation", "won", "lost")
OUTCOME = {"won": "won", "lost": "lost"}
MINUTES = 24 * 60
_workspaces = itertools.count()

moves = st.lists(st.tuples(st.sampled_from(STAGES), st.integers(0, 3 * MINUTES)), max_size=6)
deals = st.lists(st.tuples(st.integers(0, 2), st.integers(1, 10**7), st.sampled_from(("USD", "USD", "EUR")),
                           st.integers(0, 20 * MINUTES), st.sampled_from(STAGES), moves), max_size=8)
activities = st.lists(st.tuples(st.integers(0, 2), st.sampled_from(("call", "email", "demo")),
                                st.integers(0, 40 * MINUTES)), max_size=8)
PROPERTY_SETTINGS = settings(max_examples=20, deadline=None,
                             suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def seed(ws, generated_deals, generated_activities) -> list[int]:
    """Write the generated history through the repositories; returns the three owners' ids."""
    people = [ws.people.ensure(f"p{i}", f"Person {i}").id for i in range(3)]
    for number, (owner, amount, currency, offset, first, path) in enumerate(generated_deals):
        when = START + timedelta(minutes=offset)
        deal = ws.deals.add(name=f"deal {number}", owner_id=people[owner], amount_minor=amount, currency=currency,
                            stage=first, status=OUTCOME.get(first, "open"), now=when, actor_id=None)
        for stage, gap in path:
            when += timedelta(minutes=gap)
            if stage != deal.stage:
                ws.deals.move(deal, stage, OUTCOME.get(stage, "open"), None, when)
    for person, kind, offset in generated_activities:
        ws.activities.add(kind, "", people[person], START + timedelta(minutes=offset))
    ws.session.flush()
    return people


def assert_rates_in_range(result) -> None:
    for flow in result.stages:
        for rate in (flow.to_next, flow.to_won):
            assert rate is None or 0 <= rate <= 1
        assert flow.median_days is None or flow.median_days >= 0


@PROPERTY_SETTINGS
@given(deals, activities)
def test_a_cohorts_funnel_never_widens(store, generated_deals, generated_activities):
    with store.workspace("console", f"cohort-{next(_workspaces)}") as ws:
        seed(ws, generated_deals, generated_activities)
        result = funnel(ws.session, ws.workspace.id, None, START, WINDOW_END)
    assert_rates_in_range(result)
    entered = [flow.entered for flow in result.stages]
    assert entered == sorted(entered, reverse=True)
    # Every deal enters the funnel at its first stage other than lost (a deal only ever lost never does).
    assert entered[0] == sum(1 for _, _, _, _, first, path in generated_deals
                             if any(stage != "lost" for stage in [first] + [s for s, _ in path]))
    for flow, after in zip(result.stages, result.stages[1:]):
        assert flow.moved_on == after.entered  # with everything inside the period, moving on = entering next
        assert flow.won == result.stages[-1].entered


@PROPERTY_SETTINGS
@given(deals, activities, st.integers(0, 40), st.integers(1, 40))
def test_rates_stay_between_zero_and_one_in_any_period(store, generated_deals, generated_activities, first, length):
    start = START + timedelta(days=first)
    end = start + timedelta(days=length)
    with store.workspace("console", f"window-{next(_workspaces)}") as ws:
        seed(ws, generated_deals, generated_activities)
        result = funnel(ws.session, ws.workspace.id, None, start, end)
        numbers = kpi(ws.session, ws.workspace.id, None, start, end, "USD")
        before = funnel(ws.session, ws.workspace.id, None, start - timedelta(days=length), start)
        together = funnels(ws.session, ws.workspace.id, None, (start - timedelta(days=length), start, end))
        yardstick = history(ws.session, ws.workspace.id, end, length)
        stays = typical_stays(ws.session, ws.workspace.id, end, length)
    assert together == (before, result)  # two back-to-back periods in one pass = each on its own
    assert stays == yardstick.typical_stay_days()
    assert_rates_in_range(yardstick)
    assert_rates_in_range(result)
    for flow in result.stages[:-1]:
        assert 0 <= flow.won <= flow.moved_on <= flow.entered
    assert numbers.win_rate is None or 0 <= numbers.win_rate <= 1
    assert numbers.weighted_pipeline <= numbers.open_pipeline


@PROPERTY_SETTINGS
@given(deals, activities)
def test_each_persons_numbers_add_up_to_the_team(store, generated_deals, generated_activities):
    with store.workspace("console", f"sums-{next(_workspaces)}") as ws:
        people = seed(ws, generated_deals, generated_activities)
        session, wid = ws.session, ws.workspace.id
        team = kpi(session, wid, people, START, WINDOW_END, "USD")
        singles = [kpi(session, wid, [p], START, WINDOW_END, "USD") for p in people]
        ranked = {metric: per_person(session, wid, people, metric, START, WINDOW_END, "USD") for metric in METRICS}
        team_funnel = funnel(session, wid, people, START, WINDOW_END)
        funnels = [funnel(session, wid, [p], START, WINDOW_END) for p in people]
    for metric in METRICS:
        assert sum(value for _, value in ranked[metric]) == team.actual(metric)
        assert sum(single.actual(metric) for single in singles) == team.actual(metric)
    for field in ("won_count", "lost_count", "open_count", "open_pipeline", "weighted_pipeline", "new_count"):
        assert sum(getattr(single, field) for single in singles) == getattr(team, field)
    for index, flow in enumerate(team_funnel.stages):
        assert sum(f.stages[index].entered for f in funnels) == flow.entered
        assert sum(f.stages[index].moved_on or 0 for f in funnels) == (flow.moved_on or 0)
