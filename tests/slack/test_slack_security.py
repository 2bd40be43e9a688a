"""Request verification stays on: forged, stale or unsigned requests get 401 and change nothing."""
from __future__ import annotations

import json
import time
from urllib.parse import urlencode

from tests.slack.signed import SECRET, TEAM, captured, signed_headers

FORM = "application/x-www-form-urlencoded"


def slash_body(text: str) -> str:
    return urlencode(captured("slack_payload_slash_command.urlencoded") | {"command": "/sales", "text": text})


def deal_count(bot) -> int:
    with bot.store.workspace("slack", TEAM) as ws:
        return ws.deals.count(open_only=False)


async def post(bot, http, body: str, headers: dict):
    response = await http.post(bot.url + "/slack/events", data=body.encode(), headers=headers)
    await response.read()
    return response


async def test_forged_signature_is_refused(bot, http):
    body = slash_body('deal add "Forged" 1k')
    headers = signed_headers(body, FORM, secret="not-the-secret")
    assert (await post(bot, http, body, headers)).status == 401
    assert deal_count(bot) == 0


async def test_timestamp_older_than_five_minutes_is_refused(bot, http):
    body = slash_body('deal add "Replayed" 1k')
    headers = signed_headers(body, FORM, timestamp=int(time.time()) - 6 * 60)
    assert (await post(bot, http, body, headers)).status == 401
    assert deal_count(bot) == 0


async def test_missing_headers_are_refused(bot, http):
    body = slash_body('deal add "Unsigned" 1k')
    assert (await post(bot, http, body, {"Content-Type": FORM})).status == 401
    assert deal_count(bot) == 0


async def test_tampered_body_is_refused(bot, http):
    headers = signed_headers(slash_body('deal add "Small" 1k'), FORM)
    assert (await post(bot, http, slash_body('deal add "Small" 1000k'), headers)).status == 401
    assert deal_count(bot) == 0


async def test_url_verification_echoes_the_challenge(bot):
    response = await bot.slack.event(captured("slack_payload_url_verification.json"))
    assert response.status == 200
    assert json.loads(await response.text()) == {"challenge": "here-comes-a-challenge"}


async def test_ssl_check_is_answered(bot):
    response = await bot.slack.form({"ssl_check": "1", "token": "here-comes-some-token"})
    assert response.status == 200


async def test_healthz_reports_the_database(bot, http):
    response = await http.get(bot.url + "/healthz")
    assert response.status == 200 and (await response.json())["database"] == "ok"


async def test_signed_request_in_the_clear_works_with_the_right_secret(bot, http):
    body = slash_body('deal add "Signed" 1k')
    assert (await post(bot, http, body, signed_headers(body, FORM, secret=SECRET))).status == 200
    assert deal_count(bot) == 1
