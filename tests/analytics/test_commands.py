"""The analytics commands as people use them: mistakes get a short answer, rules are enforced, periods follow
the workspace's timezone, reopened and skipping deals count the way docs/metrics.md says."""
from datetime import datetime, timezone

import pytest

from tests.analytics.dataset import NOW, build
from tests.support.chat import reply_text

MARCH_2 = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)


async def people(chat) -> None:
    """Ana (admin), Bob (rep), Carla (manager of East with Bob), Dan (rep in West, which nobody manages)."""
    for who in ("ana", "bob", "carla", "dan"):
        await chat.as_(who).say("whoami", at=MARCH_2)
    for command in ("role @carla manager", 'team create "East"', "team add East @bob @carla",
                    "team manager East @carla", 'team create "West"', "team add West @dan"):
        assert not (await chat.say(command, at=MARCH_2)).is_error


@pytest.mark.parametrize("command, message", [
    ("funnel nobody", "'nobody' is not a scope, a period or `chart`"),
    ("funnel 2026-13", "'2026-13' is not a period — there is no month 13"),
    ("kpi 30d month", "Period given twice ('30d' and 'month')"),
    ("kpi period=900d", "'900d' is too long — rolling periods go up to 730d"),
    ("risks 30d", "'30d' was not expected here"),
    ("leaderboard won_count activities", "Metric given twice"),
    ("target set @bob won_value 10k 30d", "targets are set per month or quarter"),
    ("target set @bob bananas 5", "'bananas' is not a metric"),
    ("target set @bob activities 2.5", "'2.5' is not a count"),
    ("target set @bob won_value 10 EUR", "targets are in the workspace currency, USD"),
    ("target set @nobody won_value 10k", "I don't know '@nobody' yet"),
    ("target set Nowhere won_value 10k", "there is no team 'Nowhere'"),
    ("target", "'target' is not a command — try target set, target list"),
])
async def test_mistakes_get_a_short_answer_and_change_nothing(chat, command, message):
    await people(chat)
    reply = await chat.say(command, at=MARCH_2)
    assert reply.is_error
    assert message in reply.text
    assert "Traceback" not in reply_text(reply)
    assert (await chat.say("target list all", at=MARCH_2)).table is None


async def test_only_managers_of_the_team_and_admins_set_targets(chat):
    await people(chat)
    rep = await chat.as_("bob").say("target set @bob won_value 1m", at=MARCH_2)
    assert rep.is_error and "only managers (for their teams) and admins can set targets" in rep.text
    other_team = await chat.as_("carla").say("target set West won_value 10k", at=MARCH_2)
    assert other_team.is_error and "only West's manager or an admin" in other_team.text
    outsider = await chat.as_("carla").say("target set @dan won_value 10k", at=MARCH_2)
    assert outsider.is_error
    assert not (await chat.as_("carla").say("target set @bob won_value 10k", at=MARCH_2)).is_error
    assert not (await chat.as_("carla").say("target set East won_value 30k quarter", at=MARCH_2)).is_error
    assert not (await chat.as_("ana").say("target set West won_value 20k", at=MARCH_2)).is_error
    listed = await chat.as_("ana").say("target list all", at=MARCH_2)
    assert [row[0] for row in listed.table.rows] == ["Bob", "team West", "team East"]


async def test_periods_follow_the_workspace_timezone(chat):
    # Won at 03:00 UTC on March 1st: still February 28th in New York, where this workspace is.
    await people(chat)
    assert not (await chat.say("settings timezone America/New_York", at=MARCH_2)).is_error
    await chat.as_("bob").say('deal add "Late Feb" 7k', at=datetime(2026, 2, 20, tzinfo=timezone.utc))
    await chat.as_("bob").say("deal won #1", at=datetime(2026, 3, 1, 3, tzinfo=timezone.utc))
    february = await chat.say("kpi @bob 2026-02", at=MARCH_2)
    march = await chat.say("kpi @bob 2026-03", at=MARCH_2)
    assert ("Won", "$7,000 — 1 deal") in [(f.label, f.value) for f in february.facts]
    assert ("Won", "$0 — 0 deals") in [(f.label, f.value) for f in march.facts]


async def test_a_reopened_deal_counts_once_per_stage_and_once_as_won(chat):
    # #1: created in qualified (so it passed lead), won, reopened into proposal, won again — all in March.
    await people(chat)
    steps = [('deal add "Boomerang" 9k stage=qualified', 2), ("deal won #1", 3),
             ("deal stage #1 proposal", 4), ("deal won #1", 5)]
    for command, day in steps:
        assert not (await chat.as_("bob").say(command, at=datetime(2026, 3, day, tzinfo=timezone.utc))).is_error
    funnel = await chat.say("funnel @bob 2026-03", at=NOW)
    assert [row[:4] for row in funnel.table.rows] == [
        ("lead", "1", "1", "100%"), ("qualified", "1", "1", "100%"), ("proposal", "1", "1", "100%"),
        ("negotiation", "1", "1", "100%"), ("won", "1", "—", "—")]
    kpi = await chat.say("kpi @bob 2026-03", at=NOW)
    assert ("Won", "$9,000 — 1 deal") in [(f.label, f.value) for f in kpi.facts]


async def test_charts_are_png_images_when_asked_for(chat):
    await build(chat)
    funnel = await chat.as_("carla").say("funnel chart", at=NOW)
    kpi = await chat.as_("ana").say("kpi @bob chart", at=NOW)
    board = await chat.as_("ana").say("leaderboard activities all chart", at=NOW)
    for reply in (funnel, kpi, board):
        assert reply.chart.png.startswith(b"\x89PNG\r\n\x1a\n")
        assert 2_000 < len(reply.chart.png) < 20 * 1024  # small enough for Teams to show inline
        assert reply.chart.filename.endswith(".png")
    assert funnel.chart.filename == "funnel-east-30d.png"
    assert "Attainment — Bob" in kpi.chart.title
    assert (await chat.as_("ana").say("funnel", at=NOW)).chart is None


async def test_a_kpi_chart_without_targets_says_why_there_is_none(chat):
    await build(chat)
    reply = await chat.as_("ana").say("kpi @carla chart", at=NOW)
    assert reply.chart is None
    assert "No chart: there are no targets to chart for 2026-03." in reply.footer


async def test_a_deal_stuck_twice_as_long_as_usual_is_at_risk(chat):
    # Five deals each left lead after 2 days (the usual stay: median 2 days, from 5 stays). On Mar 14, #6 has
    # sat in lead for 5 days (more than 2 × 2), #7 for 3 days (not yet); both were touched that day and the
    # quick ones within 14 days, so only "stuck" applies.
    await people(chat)
    for number in range(1, 6):
        await chat.as_("bob").say(f'deal add "Quick {number}" 1k', at=datetime(2026, 3, number, tzinfo=timezone.utc))
        await chat.as_("bob").say(f"deal stage #{number} qualified",
                                  at=datetime(2026, 3, number + 2, tzinfo=timezone.utc))
    await chat.as_("bob").say('deal add "Slow" 2k', at=datetime(2026, 3, 9, tzinfo=timezone.utc))
    await chat.as_("bob").say('deal add "Fresh" 3k', at=datetime(2026, 3, 11, tzinfo=timezone.utc))
    for number in (6, 7):
        await chat.as_("bob").say(f'log call #{number} "checked in"', at=datetime(2026, 3, 14, tzinfo=timezone.utc))
    reply = await chat.say("risks @bob", at=datetime(2026, 3, 14, tzinfo=timezone.utc))
    assert reply.table.rows == (("#6", "Slow", "Bob", "$2,000", "lead", "5 days in lead (usually 2 days)"),)
