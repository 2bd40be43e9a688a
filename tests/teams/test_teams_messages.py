"""Messages: personal chats and @mentions in channels run the shared command language."""
import pytest

from tests.teams.activities import (BOT_ID, CHANNEL, TENANT, USER_AAD, channel_message, mention, personal_message)
from tests.teams.support import deals, person, words


async def test_channel_message_with_mention_is_answered_in_its_thread(teams):
    activity = channel_message('deal add "Globex expansion" 40k stage=qualified', teams.connector.url)
    status, _ = await teams.post(activity)
    assert status == 200
    [sent] = teams.connector.posts()
    assert sent.conversation_id == activity["conversation"]["id"]  # the thread the message started
    assert sent.reply_to_id == activity["id"]
    assert "Deal #1 added: Globex expansion, $40,000, qualified." in words(sent.cards[0])
    assert [(d.name, d.stage) for d in deals(teams.store)] == [("Globex expansion", "qualified")]


async def test_channel_message_not_mentioning_the_bot_is_left_alone(teams):
    activity = channel_message("deal add \"Quiet\" 1k", teams.connector.url)
    activity["text"] = 'deal add "Quiet" 1k'
    activity["entities"] = [e for e in activity["entities"] if e["type"] != "mention"]
    status, _ = await teams.post(activity)
    assert status == 200
    assert teams.connector.posts() == [] and deals(teams.store) == []


async def test_mentioned_colleague_becomes_a_person_by_their_aad_id(teams):
    bob = mention("29:bob-teams-id", "Bob Jones", aad="bob-aad-id")
    status, _ = await teams.post(channel_message("role <at>Bob Jones</at> manager", teams.connector.url, (bob,)))
    assert status == 200
    assert "manager" in words(teams.connector.last_card())
    assert person(teams.store, "bob-aad-id").role == "manager"


async def test_mention_without_aad_id_is_looked_up_in_the_conversation(teams):
    teams.connector.members["29:carla-teams-id"] = {"id": "29:carla-teams-id", "name": "Carla Diaz",
                                                    "aadObjectId": "carla-aad-id"}
    carla = mention("29:carla-teams-id", "Carla Diaz")
    await teams.post(channel_message("role <at>Carla Diaz</at> manager", teams.connector.url, (carla,)))
    assert person(teams.store, "carla-aad-id").role == "manager"
    assert person(teams.store, "29:carla-teams-id") is None


async def test_sender_is_their_aad_id_with_the_clients_timezone(teams):
    await teams.post(personal_message("whoami", teams.connector.url))
    jacob = person(teams.store, USER_AAD)
    assert (jacob.display_name, jacob.timezone, jacob.role) == ("Jacob Tomlinson", "Europe/London", "admin")
    assert "Europe/London" in words(teams.connector.last_card())


async def test_html_escaped_text_is_read_as_typed(teams):
    await teams.post(personal_message("deal add &quot;Smith &amp; Sons&quot; 3k", teams.connector.url))
    assert [d.name for d in deals(teams.store)] == ["Smith & Sons"]


async def test_unknown_command_gets_a_helpful_card(teams):
    await teams.post(personal_message("dael list", teams.connector.url))
    card = teams.connector.last_card()
    assert "not a command" in words(card) and "help" in words(card)


async def test_repeated_activity_is_processed_once(teams):
    activity = personal_message('deal add "Acme renewal" 12k', teams.connector.url)
    for _ in range(3):  # Teams retries with the same activity id
        status, _ = await teams.post(activity)
        assert status == 200
    assert len(deals(teams.store)) == 1
    assert len(teams.connector.posts()) == 1


async def test_same_activity_id_in_another_conversation_is_new(teams):
    first = personal_message('deal add "One" 1k', teams.connector.url)
    second = personal_message('deal add "Two" 1k', teams.connector.url, id=first["id"])
    second["conversation"] = dict(second["conversation"], id="a:another-personal-chat")
    await teams.post(first)
    await teams.post(second)
    assert [d.name for d in deals(teams.store)] == ["One", "Two"]


async def test_missing_tenant_falls_back_to_the_local_workspace(teams):
    activity = personal_message('deal add "Emulated" 1k', teams.connector.url, channelId="emulator")
    del activity["channelData"]
    del activity["conversation"]["tenantId"]
    await teams.post(activity)
    assert "Deal #1 added" in words(teams.connector.last_card())


@pytest.mark.parametrize("body, content_type", [
    (b"{not json", "application/json"),
    (b"[1, 2]", "application/json"),
    (b'{"text": "no type"}', "application/json"),
    (b'{"type": "message", "from": "not an object"}', "application/json"),
    (b"type=message", "application/x-www-form-urlencoded"),
    (b'{"type": "message", "from": {"id": "29:x"}, "conversation": {"id": "a:1"}}', "application/json"),
    (b'{"type": "message", "from": {"id": "29:x"}, "conversation": {"id": "a:1"}, "serviceUrl": "nowhere"}',
     "application/json"),
    (b'{"type": "message", "from": {"id": ""}, "recipient": {"id": "28:bot"}, "conversation": {"id": "a:1"}, '
     b'"serviceUrl": "http://127.0.0.1:9/"}', "application/json"),
    (b'{"type": "message", "from": {"id": "29:x"}, "conversation": {"id": "a:1"}, "serviceUrl": "http://127.0.0.1:9/"}',
     "application/json"),  # no recipient: nothing could be posted back
    (b'{"type": "message", "from": {"id": "29:x"}, "recipient": {"id": ""}, "conversation": {"id": "a:1"}, '
     b'"serviceUrl": "http://127.0.0.1:9/"}', "application/json"),
])
async def test_bad_bodies_get_400_not_500(teams, body, content_type):
    async with teams.http.post(f"{teams.url}/api/messages", data=body,
                               headers={"Content-Type": content_type}) as response:
        assert response.status == 400
    assert teams.connector.calls == []


async def test_bot_mention_alone_gets_the_type_a_command_hint(teams):
    await teams.post(channel_message("", teams.connector.url))
    assert "Type a command" in words(teams.connector.last_card())
    assert BOT_ID and CHANNEL and TENANT  # shapes come from the captured payloads
