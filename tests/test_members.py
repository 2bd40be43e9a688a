"""Someone joining the chat workspace becomes a person only where salesbot is already in use, never its admin."""
from handlers.context import Origin, Sender
from handlers.members import meet_member_async
from tests.support.chat import reply_text

NEWCOMER = Sender("zoe", "Zoe Park", "Asia/Tokyo")


async def test_a_newcomer_in_an_unused_workspace_is_left_alone(chat, store):
    assert not await meet_member_async(store, Origin("console", "fresh-co"), NEWCOMER)
    first = reply_text(await chat.in_("fresh-co").as_("ben").say("whoami"))
    assert "You are Ben" in first and "admin" in first  # the first who used salesbot, not the newcomer
    assert "rep" in reply_text(await chat.in_("fresh-co").as_("zoe").say("whoami"))


async def test_a_newcomer_where_salesbot_is_used_is_known_by_name_and_zone(chat, store):
    await chat.say("whoami")
    assert await meet_member_async(store, Origin("console", chat.workspace), NEWCOMER)
    with store.workspace("console", chat.workspace) as ws:
        zoe = ws.people.by_platform_id("zoe")
        assert (zoe.display_name, zoe.timezone, zoe.role) == ("Zoe Park", "Asia/Tokyo", "rep")
