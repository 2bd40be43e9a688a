"""Multi-workspace install: /slack/install -> Slack -> /slack/oauth_redirect stores the installation."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from sqlalchemy import text

from handlers.messaging import Destination
from handlers.reply import Reply

COOKIE = "slack-app-oauth-state"


async def start_install(bot, http) -> str:
    response = await http.get(bot.url + "/slack/install", allow_redirects=False)
    assert response.status == 302
    location = urlparse(response.headers["Location"])
    query = parse_qs(location.query)
    assert location.netloc == "slack.com" and query["client_id"] == ["111.222"]
    assert "commands" in query["scope"][0].split(",")
    assert COOKIE in response.headers["Set-Cookie"]
    return query["state"][0]


async def finish(bot, http, state: str, code: str = "code-1"):
    response = await http.get(bot.url + "/slack/oauth_redirect", params={"code": code, "state": state},
                              headers={"Cookie": f"{COOKIE}={state}"}, allow_redirects=False)
    await response.read()
    return response


def installed_tokens(bot) -> list[tuple[str, str]]:
    with bot.app.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text("SELECT team_id, bot_token FROM slack_bots"))]


async def test_install_redirects_with_a_state_and_the_redirect_stores_the_installation(multi_bot, http, fake_slack):
    state = await start_install(multi_bot, http)
    response = await finish(multi_bot, http, state)
    assert response.status == 200
    (exchange,) = fake_slack.called("oauth.v2.access")
    assert exchange.args["code"] == "code-1" and exchange.args["client_id"] == "111.222"
    assert installed_tokens(multi_bot) == [("T9", "xoxb-installed")]


async def test_a_reused_state_is_refused(multi_bot, http, fake_slack):
    state = await start_install(multi_bot, http)
    assert (await finish(multi_bot, http, state)).status == 200
    assert (await finish(multi_bot, http, state, code="code-2")).status >= 400
    assert len(fake_slack.called("oauth.v2.access")) == 1


async def test_an_unknown_state_is_refused(multi_bot, http, fake_slack):
    assert (await finish(multi_bot, http, "made-up-state")).status >= 400
    assert fake_slack.called("oauth.v2.access") == [] and installed_tokens(multi_bot) == []


async def test_an_installed_workspace_is_served_with_its_own_token(multi_bot, http, fake_slack):
    await finish(multi_bot, http, await start_install(multi_bot, http))
    await multi_bot.slack.command('team create "East"', team_id="T9")
    await multi_bot.slack.command('team add "East" <@U01NK1K9L68|ana>', team_id="T9")
    await multi_bot.slack.command('team channel "East" here', team_id="T9", channel="C0T9")
    await multi_bot.slack.command('deal add "Installed deal" 5k', team_id="T9")
    ack = await multi_bot.slack.command("deal won #1", team_id="T9")
    assert "is won" in ack["text"]
    await multi_bot.settle()
    (post,) = fake_slack.called("chat.postMessage")
    assert post.token == "xoxb-installed" and post.args["channel"] == "C0T9"


async def test_a_workspace_that_never_installed_is_not_served(multi_bot, http):
    response = await multi_bot.slack.form({"command": "/sales", "text": "whoami", "team_id": "T0NOPE",
                                           "user_id": "U1", "channel_id": "C1", "trigger_id": "t"})
    assert response.status == 200 and "reinstall" in await response.text()


async def test_scheduled_posts_use_the_installed_token(multi_bot, http, fake_slack):
    await finish(multi_bot, http, await start_install(multi_bot, http))
    messenger = multi_bot.app.messengers["slack"]
    delivery = await messenger.send(Destination("slack", "T9", "C0DIGEST"), Reply(text="Weekly digest"))
    assert delivery.ok
    (post,) = fake_slack.called("chat.postMessage")
    assert post.token == "xoxb-installed" and post.args["channel"] == "C0DIGEST"
    not_installed = await messenger.send(Destination("slack", "T0NOPE", "C1"), Reply(text="x"))
    assert not not_installed.ok and not_installed.permanent
