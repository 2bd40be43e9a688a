"""The Messenger against the fake Slack: pacing per channel, Retry-After on 429, 5xx retries, permanent errors."""
from __future__ import annotations

import asyncio

import pytest

from adapters.slack.messenger import SlackMessenger
from adapters.slack.pacing import ChannelPacer, workspace_pacer
from handlers.messaging import Destination, send_all
from handlers.reply import Chart, Reply

TEAM = "T1"


class FakeClock:
    """Time that passes only when someone sleeps: pacing and back-off cost no real time."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def messenger(fake_slack, clock):
    async def token(team_id: str) -> str | None:
        return "xoxb-test" if team_id == TEAM else None
    return SlackMessenger(token, fake_slack.url, ChannelPacer(1.0, clock, clock.sleep), clock.sleep)


def to(channel: str | None = None, user: str | None = None) -> Destination:
    return Destination("slack", TEAM, channel, user)


async def test_ten_posts_to_one_channel_are_spaced_a_second_apart(messenger, fake_slack, clock):
    replies = [Reply(text=f"post {n}") for n in range(10)]
    deliveries = await asyncio.gather(*(messenger.send(to("C1"), reply) for reply in replies))
    assert all(d.ok for d in deliveries)
    assert [c.args["text"] for c in fake_slack.called("chat.postMessage")] == [f"post {n}" for n in range(10)]
    assert clock.now >= 9.0


async def test_posts_to_different_channels_do_not_wait_for_each_other(messenger, fake_slack, clock):
    await asyncio.gather(*(messenger.send(to(f"C{n}"), Reply(text="hi")) for n in range(10)))
    assert len(fake_slack.called("chat.postMessage")) == 10 and clock.now == 0.0


async def test_rate_limited_post_waits_for_retry_after_and_goes_through(messenger, fake_slack, clock):
    fake_slack.fail("chat.postMessage", 429, {"Retry-After": "7"}, {"ok": False, "error": "ratelimited"})
    delivery = await messenger.send(to("C1"), Reply(text="after the limit"))
    assert delivery.ok
    assert 7.0 in clock.slept
    assert [c.args["text"] for c in fake_slack.called("chat.postMessage")] == ["after the limit"] * 2


async def test_server_errors_are_retried_with_backoff(messenger, fake_slack, clock):
    fake_slack.fail("chat.postMessage", 500, body="upstream trouble")
    fake_slack.fail("chat.postMessage", 503, body="still bad")
    delivery = await messenger.send(to("C1"), Reply(text="eventually"))
    assert delivery.ok and len(fake_slack.called("chat.postMessage")) == 3
    assert clock.slept == [0.5, 1.0]


async def test_server_errors_that_persist_are_a_transient_failure(messenger, fake_slack):
    for _ in range(4):
        fake_slack.fail("chat.postMessage", 500, body="down")
    delivery = await messenger.send(to("C1"), Reply(text="lost"))
    assert not delivery.ok and not delivery.permanent


async def test_one_recipients_permanent_error_never_stops_the_others(messenger, fake_slack, caplog):
    fake_slack.channel_errors["C0GONE"] = "channel_not_found"
    fake_slack.channel_errors["C0OUT"] = "not_in_channel"
    deliveries = await send_all(messenger, [to("C1"), to("C0GONE"), to("C0OUT"), to("C2")], Reply(text="digest"))
    assert [d.ok for d in deliveries] == [True, False, False, True]
    assert [d.error for d in deliveries[1:3]] == ["channel_not_found", "not_in_channel"]
    assert all(d.permanent for d in deliveries[1:3])
    assert "channel_not_found" in caplog.text


async def test_a_person_is_messaged_in_their_dm(messenger, fake_slack):
    delivery = await messenger.send(to(user="U0BOB"), Reply(text="your reminder"))
    assert delivery.ok
    (opened,) = fake_slack.called("conversations.open")
    assert opened.args["users"] == "U0BOB"
    assert fake_slack.called("chat.postMessage")[0].args["channel"] == "DU0BOB"


async def test_an_ephemeral_note_goes_to_one_person_in_a_channel(messenger, fake_slack):
    assert (await messenger.send(to("C1", "U0BOB"), Reply(text="just for you"))).ok
    (note,) = fake_slack.called("chat.postEphemeral")
    assert (note.args["channel"], note.args["user"]) == ("C1", "U0BOB")


async def test_a_chart_is_uploaded_with_the_post(messenger, fake_slack):
    chart = Chart(png=b"\x89PNG fake image bytes", filename="funnel.png", title="Funnel")
    assert (await messenger.send(to("C1"), Reply(text="Funnel this quarter", chart=chart))).ok
    assert fake_slack.called("files.getUploadURLExternal")[0].args["filename"] == "funnel.png"
    assert fake_slack.called("upload")[0].args["bytes"] == len(chart.png)
    assert fake_slack.called("files.completeUploadExternal")[0].args["channel_id"] == "C1"


async def test_a_workspace_without_a_token_is_skipped_not_raised(messenger, fake_slack):
    delivery = await messenger.send(Destination("slack", "T0OTHER", "C1"), Reply(text="x"))
    assert not delivery.ok and delivery.permanent and fake_slack.calls == []


async def test_posts_across_one_workspace_keep_to_its_pace_after_a_short_burst(fake_slack, clock):
    async def token(team_id: str) -> str | None:
        return "xoxb-test"
    paced = SlackMessenger(token, fake_slack.url, ChannelPacer(1.0, clock, clock.sleep), clock.sleep,
                           workspace_pacer(60, clock, clock.sleep))
    await asyncio.gather(*(paced.send(to(f"C{n}"), Reply(text="hi")) for n in range(15)))
    other = await paced.send(Destination("slack", "T2", "C1"), Reply(text="hi"))
    assert len(fake_slack.called("chat.postMessage")) == 16 and other.ok
    # 60 a minute with a burst of ten, two of it kept as room for jitter: the last seven of fifteen wait a second
    # each; another workspace does not.
    assert clock.now == 7.0


@pytest.mark.parametrize("variable, value", [("SALESBOT_SLACK_POSTS_PER_MINUTE", "lots"),
                                             ("SALESBOT_SLACK_POSTS_PER_MINUTE", "0")])
def test_a_bad_workspace_pace_is_refused_naming_the_variable(variable, value):
    from adapters.slack.config import load_slack_config
    from bot.settings import Settings, SettingsError

    settings = Settings.from_env({"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1", variable: value})
    with pytest.raises(SettingsError, match=variable):
        load_slack_config(settings)


@pytest.mark.parametrize("variable, field", [("SALESBOT_CLOCK_TICK", "clock_tick_seconds"),
                                             ("SALESBOT_CLOCK_POLL", "clock_poll_seconds")])
def test_a_bad_clock_interval_is_refused_naming_the_variable(variable, field):
    from bot.settings import Settings, SettingsError

    with pytest.raises(SettingsError, match=variable):
        Settings.from_env({variable: "1m"})
    assert getattr(Settings.from_env({variable: "5"}), field) == 5
