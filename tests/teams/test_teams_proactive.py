"""Proactive posting: conversation references from conversationUpdate, retries, and isolated failures."""
from adapters.teams.messenger import TeamsMessenger
from adapters.teams.retry import Backoff
from handlers.messaging import Destination, send_all
from handlers.reply import Reply
from tests.teams.activities import CHANNEL, TENANT, USER_AAD, bot_added, channel_message, personal_message
from tests.teams.support import words

DIGEST = Reply(text="Pipeline this week: 3 deals, $52,000", title="Weekly digest")


def fast_messenger(teams, delays: list[float]) -> TeamsMessenger:
    """The real messenger on the server's adapter, with waits recorded instead of slept."""
    async def no_sleep(seconds: float) -> None:
        delays.append(seconds)
    return TeamsMessenger(teams.runtime.sdk, teams.store, backoff=Backoff(attempts=5, base=0.5), sleep=no_sleep)


async def test_bot_added_to_a_team_then_posts_to_its_channel(teams):
    status, _ = await teams.post(bot_added(teams.connector.url, "channel"))
    assert status == 200
    assert "salesbot is here" in words(teams.connector.last_card())
    delivery = await teams.runtime.messenger.send(Destination("teams", TENANT, channel_id=CHANNEL), DIGEST)
    assert delivery.ok and delivery.message_id
    sent = teams.connector.posts(CHANNEL)[-1]
    assert sent.reply_to_id is None  # a new post in the channel, not a reply
    assert "Weekly digest" in words(sent.cards[0]) and "$52,000" in words(sent.cards[0])


async def test_personal_install_lets_the_bot_message_the_person(teams):
    added = bot_added(teams.connector.url, "personal")
    await teams.post(added)
    assert "Hi, I'm salesbot" in words(teams.connector.last_card())
    delivery = await teams.runtime.messenger.send(Destination("teams", TENANT, user_id=USER_AAD), DIGEST)
    assert delivery.ok
    assert "Weekly digest" in words(teams.connector.cards(added["conversation"]["id"])[-1])


async def test_throttling_and_gateway_errors_are_retried_with_growing_waits(teams):
    await teams.post(bot_added(teams.connector.url, "channel"))
    teams.connector.fail_next(CHANNEL, 429, 412, 502, 503)
    delays: list[float] = []
    delivery = await fast_messenger(teams, delays).send(Destination("teams", TENANT, channel_id=CHANNEL), DIGEST)
    assert delivery.ok
    assert [c.status for c in teams.connector.calls if c.conversation_id == CHANNEL][-5:] == [429, 412, 502, 503, 200]
    assert len(delays) == 4 and delays == sorted(delays) and delays[-1] > delays[0]


async def test_429_then_success_waits_as_long_as_retry_after_says(teams):
    await teams.post(bot_added(teams.connector.url, "channel"))
    teams.connector.fail_next(CHANNEL, 429, 504)
    teams.connector.retry_after = "7"
    delays: list[float] = []
    delivery = await fast_messenger(teams, delays).send(Destination("teams", TENANT, channel_id=CHANNEL), DIGEST)
    assert delivery.ok and "Weekly digest" in words(teams.connector.posts(CHANNEL)[-1].cards[0])
    assert delays[0] == 7.0 and delays[1] < 7.0  # the gateway error that followed had no Retry-After


async def test_throttled_again_and_again_waits_only_what_retry_after_says(teams):
    """A post throttled three times used to wait 1, 1, then up to 2 s: the backoff overrode Teams' own word."""
    await teams.post(bot_added(teams.connector.url, "channel"))
    teams.connector.fail_next(CHANNEL, 429, 429, 429, 429)
    teams.connector.retry_after = "1"
    delays: list[float] = []
    delivery = await fast_messenger(teams, delays).send(Destination("teams", TENANT, channel_id=CHANNEL), DIGEST)
    assert delivery.ok
    assert delays == [1.0, 1.0, 1.0, 1.0]


async def test_a_fan_out_of_posts_reuses_its_connections(teams, teams_sdk):
    """Each post used to open (and close) a connection of its own: a morning of digests, a morning of handshakes."""
    await teams.post(bot_added(teams.connector.url, "channel"))
    await teams.post(bot_added(teams.connector.url, "personal"))
    teams.connector.connections.clear()
    for n in range(12):
        destination = (Destination("teams", TENANT, channel_id=CHANNEL) if n % 2
                       else Destination("teams", TENANT, user_id=USER_AAD))
        assert (await teams.runtime.messenger.send(destination, DIGEST)).ok
    assert len(teams.connector.posts()) >= 12
    if teams_sdk == "agents":  # botbuilder's msrest client is not ours to pool
        assert len(teams.connector.connections) == 1
    await teams.runtime.messenger.close()  # released at shutdown, and posting after it opens a new pool
    assert (await teams.runtime.messenger.send(Destination("teams", TENANT, channel_id=CHANNEL), DIGEST)).ok


def test_backoff_is_exponential_with_jitter_and_capped():
    backoff = Backoff(base=1.0, cap=5.0)
    waits = [backoff.delay(attempt) for attempt in range(1, 6)]
    assert 0.5 <= waits[0] <= 1 and 1 <= waits[1] <= 2 and 2 <= waits[2] <= 4 and all(w <= 5 for w in waits)
    assert len({backoff.delay(3) for _ in range(20)}) > 1  # jitter spreads retries out
    assert backoff.delay(1, retry_after=4.0) == 4.0
    assert backoff.delay(4, retry_after=1.0) == 1.0  # the server's word, not the grown backoff
    assert 0.5 <= backoff.delay(1, retry_after=0.0) <= 1  # "0" names no wait: backed off all the same


async def test_giving_up_after_the_last_attempt(teams):
    await teams.post(bot_added(teams.connector.url, "channel"))
    teams.connector.always_fail[CHANNEL] = 429
    delays: list[float] = []
    delivery = await fast_messenger(teams, delays).send(Destination("teams", TENANT, channel_id=CHANNEL), DIGEST)
    assert not delivery.ok and not delivery.permanent and "429" in delivery.error
    assert len(delays) == 4


async def test_a_removed_bot_is_a_permanent_failure_and_not_retried(teams):
    await teams.post(bot_added(teams.connector.url, "channel"))
    teams.connector.always_fail[CHANNEL] = 403
    delays: list[float] = []
    delivery = await fast_messenger(teams, delays).send(Destination("teams", TENANT, channel_id=CHANNEL), DIGEST)
    assert not delivery.ok and delivery.permanent and delays == []


async def test_one_failed_recipient_never_stops_the_others(teams):
    await teams.post(bot_added(teams.connector.url, "channel"))
    personal = bot_added(teams.connector.url, "personal")
    await teams.post(personal)
    teams.connector.always_fail[CHANNEL] = 500
    destinations = [Destination("teams", TENANT, channel_id=CHANNEL),
                    Destination("teams", TENANT, channel_id="19:never-added@thread.tacv2"),
                    Destination("teams", TENANT, user_id=USER_AAD)]
    deliveries = await send_all(fast_messenger(teams, []), destinations, DIGEST)
    assert [d.ok for d in deliveries] == [False, False, True]
    assert deliveries[1].permanent and "never added" in deliveries[1].error
    assert "Weekly digest" in words(teams.connector.cards(personal["conversation"]["id"])[-1])


async def test_won_deal_is_announced_in_the_teams_channel(teams):
    url = teams.connector.url
    for text in ('team create "East"', f"team add East @{USER_AAD}"):
        await teams.post(personal_message(text, url))
    await teams.post(channel_message('team channel "East" here', url))
    await teams.post(personal_message('deal add "Acme renewal" 12k', url))
    await teams.post(personal_message("deal won #1", url))
    announcement = teams.connector.posts(CHANNEL)[-1]
    assert announcement.reply_to_id is None
    assert "Jacob Tomlinson won Acme renewal" in words(announcement.cards[0])


async def test_a_new_channel_is_remembered(teams):
    added = bot_added(teams.connector.url, "channel")
    added["membersAdded"] = []
    added["channelData"] |= {"eventType": "channelCreated", "channel": {"id": "19:new-channel@thread.tacv2"}}
    await teams.post(added)
    assert teams.connector.posts() == []  # nothing to say, only remembered
    delivery = await teams.runtime.messenger.send(
        Destination("teams", TENANT, channel_id="19:new-channel@thread.tacv2"), DIGEST)
    assert delivery.ok and teams.connector.posts("19:new-channel@thread.tacv2")


async def test_installation_update_is_enough_to_message_the_person_later(teams):
    installed = bot_added(teams.connector.url, "personal")
    del installed["membersAdded"]
    installed.update(type="installationUpdate", action="add")
    await teams.post(installed)
    assert teams.connector.posts() == []  # no greeting twice: conversationUpdate says hello
    delivery = await teams.runtime.messenger.send(Destination("teams", TENANT, user_id=USER_AAD), DIGEST)
    assert delivery.ok and teams.connector.posts(installed["conversation"]["id"])


async def test_a_person_who_never_chatted_with_the_bot_cannot_be_messaged(teams):
    delivery = await teams.runtime.messenger.send(Destination("teams", TENANT, user_id="stranger"), DIGEST)
    assert not delivery.ok and delivery.permanent and teams.connector.calls == []
