"""CSAT: logged per account, summarised by hand-checked numbers, low scores escalated, customers' own page."""
from __future__ import annotations

import re
from datetime import timedelta

import aiohttp
import pytest
from aiohttp import web
from hypothesis import given, strategies as st

from bot.bootstrap import assemble
from bot.settings import Settings
from bot.web import build_web_app
from handlers.errors import UserError
from handlers.rhythm.csat import parse_score
from tests.rhythm.support import NOW, org
from tests.schedules.support import RecordingMessenger, make_ticker, utc
from tests.support.chat import reply_text
from tests.support.snapshot import db_snapshot as snapshot


async def accounts(people):
    await people["bob"].say('deal add "Acme" 10k account="Acme Corp"', at=NOW - timedelta(days=60))
    await people["zoe"].say('deal add "Wayne" 10k account="Wayne Ltd"', at=NOW - timedelta(days=60))


async def test_scores_are_summarised_per_team_and_per_account(chat):
    people = await org(chat)
    await accounts(people)
    for days, score in ((40, 5), (35, 3), (2, 4), (1, 1)):
        await people["bob"].say(f'csat "Acme Corp" {score}', at=NOW - timedelta(days=days))
    await people["zoe"].say('csat "Wayne Ltd" 2', at=NOW)
    team = await people["carla"].say("csat team", at=NOW)
    assert "average 3.3 from 4 scores" in team.text  # (5+3+4+1)/4 = 3.25, half up; West's score left out
    assert team.facts[0].value == "5★ 1  4★ 1  3★ 1  2★ 0  1★ 1"
    assert list(team.table.rows) == [("2026-09", "2", "4.0"), ("2026-11", "2", "2.5")]
    account = await people["ana"].say('csat "Wayne Ltd" 30d', at=NOW)
    assert "for Wayne Ltd" in account.text and "average 2.0 from 1 score" in account.text
    chart = await people["carla"].say("csat team chart", at=NOW)
    assert chart.chart is not None and chart.chart.png.startswith(b"\x89PNG")


@given(st.text(max_size=4))
def test_a_score_is_a_single_digit_from_one_to_five(text):
    try:
        score = parse_score(text, "usage")
    except UserError as error:
        assert "is not a score" in error.message
        assert text.strip() not in ("1", "2", "3", "4", "5")
    else:
        assert 1 <= score <= 5 and text.strip() == str(score)


async def test_bad_scores_write_nothing(chat, engine):
    people = await org(chat)
    await accounts(people)
    before = snapshot(engine)
    for command, expected in {'csat "Acme Corp" 6': "'6' is not a score", 'csat "Acme Corp" 0': "'0' is not a score",
                              'csat "Acme Corp" 45': "'45' is not a score",
                              'csat "Nobody" 4': "there is no account 'Nobody'"}.items():
        reply = await people["bob"].say(command, at=NOW)
        assert reply.is_error and expected in reply.text, (command, reply.text)
    assert snapshot(engine) == before


async def test_a_low_score_alerts_the_owners_manager_the_same_day_after_quiet_hours(chat, store):
    people = await org(chat)
    await accounts(people)
    late = utc("2026-11-04 21:30")  # after the default 08:00-19:00 window in UTC
    reply = await people["dan"].say('csat "Acme Corp" 2 "invoice errors"', at=late)
    assert "A score this low alerts Carla." in reply.text
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await ticker.tick(late + timedelta(minutes=1))
    assert messenger.to("carla") == []
    await ticker.tick(utc("2026-11-05 08:00"))
    [alert] = messenger.to("carla")
    assert "Acme Corp scored 2/5 (logged by Dan): “invoice errors”" in alert
    await ticker.tick(utc("2026-11-05 09:00"))
    assert len(messenger.to("carla")) == 1
    assert not any("scored" in text for text in messenger.to("bob"))  # the owner is not the one alerted


@pytest.fixture
async def page(store, processor):
    """The real web app on 127.0.0.1 with SALESBOT_PUBLIC_URL pointing at itself."""
    runner = web.AppRunner(build_web_app(assemble(Settings.from_env({}), store, processor)))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    processor.public_url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
    async with aiohttp.ClientSession() as session:
        yield session
    await runner.cleanup()


async def test_a_customer_answers_their_link_once_on_a_plain_page(chat, page):
    people = await org(chat)
    await accounts(people)
    reply = await people["bob"].say('csat link "Acme Corp"')
    url = re.search(r"http://\S+/csat/\S+", reply.text)[0]
    assert "can be answered once" in reply.text
    shown = await page.get(url)
    html = await shown.text()
    assert shown.status == 200 and "<script" not in html and "Acme Corp" in html and 'value="1"' in html
    missing = await page.post(url, data={"comment": "no score"})
    assert missing.status == 200 and "Please pick a score" in await missing.text()
    answered = await page.post(url, data={"score": "4", "comment": "<b>great</b> team"})
    assert "Thank you" in await answered.text()
    again = await page.post(url, data={"score": "1"})
    assert "already been answered" in await again.text()
    summary = await people["carla"].say('csat "Acme Corp"')
    assert "average 4.0 from 1 score" in summary.text
    assert (await page.get(url.rsplit("/", 1)[0] + "/not-a-token")).status == 404


async def test_an_expired_link_is_refused_and_no_public_url_means_no_link(chat, page, processor):
    people = await org(chat)
    await accounts(people)
    reply = await people["bob"].say('csat link "Acme Corp"', at=NOW - timedelta(days=15))
    url = re.search(r"http://\S+/csat/\S+", reply.text)[0]
    expired = await page.post(url, data={"score": "5"})
    assert expired.status == 410 and "expired" in await expired.text()
    processor.public_url = None
    refused = await people["bob"].say('csat link "Acme Corp"')
    assert refused.is_error and "SALESBOT_PUBLIC_URL" in refused.text


def test_a_public_url_that_is_no_address_stops_start_up():
    from handlers.errors import SettingsError

    with pytest.raises(SettingsError, match="SALESBOT_PUBLIC_URL"):
        Settings.from_env({"SALESBOT_PUBLIC_URL": "bot.example.com"})
    assert Settings.from_env({"SALESBOT_PUBLIC_URL": "https://bot.example.com/"}).public_url == \
        "https://bot.example.com"


async def test_a_low_score_opens_one_follow_up_task_for_the_owner_per_score(chat):
    people = await org(chat)
    await accounts(people)
    reply = await people["dan"].say('csat "Acme Corp" 2 "invoice errors"', at=NOW)
    assert "A score this low alerts Carla. Bob has a follow-up task (1)." in reply.text
    await people["dan"].say('csat "Acme Corp" 3', at=NOW + timedelta(minutes=5))  # not low: no task
    listed = await people["bob"].say("task list", at=NOW + timedelta(minutes=10))
    assert [row[1] for row in listed.table.rows] == ["Follow up with Acme Corp: CSAT 2/5"]
    assert listed.table.rows[0][3] == "Acme Corp" and listed.table.rows[0][4] == "Bob"
    await people["dan"].say('csat "Acme Corp" 1 "still wrong"', at=NOW + timedelta(hours=1))
    again = await people["bob"].say("task list", at=NOW + timedelta(hours=2))
    assert [row[1] for row in again.table.rows] == ["Follow up with Acme Corp: CSAT 2/5",
                                                     "Follow up with Acme Corp: CSAT 1/5"]
    assert "Open tasks" in reply_text(await people["bob"].say('account show "Acme Corp"', at=NOW))


async def test_a_customers_own_low_answer_opens_the_owners_task_too(chat, page):
    people = await org(chat)
    await accounts(people)
    reply = await people["bob"].say('csat link "Acme Corp"')
    url = re.search(r"http://\S+/csat/\S+", reply.text)[0]
    assert "Thank you" in await (await page.post(url, data={"score": "1", "comment": "late"})).text()
    listed = await people["bob"].say("task list")
    assert [row[1] for row in listed.table.rows] == ["Follow up with Acme Corp: CSAT 1/5"]
