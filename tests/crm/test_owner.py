"""Handing deals over: `deal update owner=` and `deal reassign`, who may, what moves, and the one message."""
from datetime import timedelta

from tests.crm.support import NOON, column, rows, team
from tests.schedules.support import RecordingMessenger, make_ticker
from tests.support.chat import reply_text


async def _deals_of_bob(chat, bob):
    await bob.say('deal add "Open one" 10k account=Acme', at=NOON)
    await bob.say('deal add "Open two" 20k stage=proposal', at=NOON)
    await bob.say('deal add "Won one" 5k', at=NOON)
    await bob.say("deal won #3", at=NOON)
    await bob.say('deal add "Lost one" 7k', at=NOON)
    await bob.say("deal lost #4", at=NOON)


async def test_reassign_moves_open_deals_and_leaves_closed_ones_credited(chat, store):
    carla, bob, dan, _ = await team(chat)
    await _deals_of_bob(chat, bob)
    moved = await carla.say("deal reassign @bob @dan", at=NOON)
    assert moved.text == "2 open deals moved from Bob to Dan."
    assert column(moved) == ["Open two", "Open one"]
    owners = {row[1]: row[4] for row in rows(await carla.say("deal list team stage=won", at=NOON))}
    assert owners == {"Won one": "Bob"}
    assert column(await dan.say("deal list mine", at=NOON)) == ["Open two", "Open one"]
    assert "Won: $5,000 — 1 deal" in reply_text(await carla.say("kpi @bob", at=NOON))
    messenger = RecordingMessenger()
    await make_ticker(store, messenger).tick(NOON + timedelta(minutes=1))
    to_dan = messenger.to("dan")
    assert len(to_dan) == 1 and "Carla handed you 2 open deals from Bob:" in to_dan[0]
    assert "#2 | Open two | $20,000 | proposal" in to_dan[0]
    await make_ticker(store, messenger).tick(NOON + timedelta(minutes=2))
    assert len(messenger.to("dan")) == 1  # exactly one message


async def test_reassign_all_hands_over_the_accounts_too(chat):
    carla, bob, dan, _ = await team(chat)
    await bob.say('deal add "Open one" 10k account=Acme', at=NOON)
    await bob.say("account update acme owner=@bob", at=NOON)
    moved = await carla.say("deal reassign @bob @dan all", at=NOON)
    assert moved.text == "1 open deal moved from Bob to Dan and 1 account."
    assert "Owner: Dan" in reply_text(await carla.say("account show acme", at=NOON))
    undone = await carla.say("undo", at=NOON)
    assert undone.text == "Undone: 1 deal handed from Bob to Dan — 1 deal back with Bob."
    assert "Owner: Bob" in reply_text(await carla.say("account show acme", at=NOON))


async def test_who_may_hand_deals_over(chat):
    carla, bob, dan, wes = await team(chat)
    await bob.say('deal add "Open one" 10k', at=NOON)
    refused = await bob.say("deal update #1 owner=@dan", at=NOON)
    assert refused.is_error and "only a manager of both Bob and Dan, or an admin" in refused.text
    assert (await carla.say("deal update #1 owner=@wes", at=NOON)).is_error  # Wes is not in her team
    assert (await carla.say("deal reassign @bob @wes", at=NOON)).is_error
    assert (await bob.say("deal reassign @bob @dan", at=NOON)).is_error
    assert "Owner: Bob" in reply_text(await chat.say("deal show #1", at=NOON))  # nothing written
    assert "#1 updated: owner → Dan." == (await carla.say("deal update #1 owner=@dan", at=NOON)).text
    assert "#1 updated: owner → Wes." == (await chat.say("deal update #1 owner=@wes", at=NOON)).text


async def test_closed_deals_keep_their_owner(chat):
    carla, bob, dan, _ = await team(chat)
    await bob.say('deal add "Won one" 5k', at=NOON)
    await bob.say("deal won #1", at=NOON)
    refused = await carla.say("deal update #1 owner=@dan", at=NOON)
    assert refused.text == "#1 is won — won and lost deals stay credited to whoever closed them"
    nothing = await carla.say("deal reassign @bob @dan", at=NOON)
    assert nothing.is_error and "Bob has no open deals to hand over" in nothing.text


async def test_bad_reassign_input_names_the_token(chat):
    carla, bob, _, _ = await team(chat)
    assert (await carla.say("deal reassign @bob @bob", at=NOON)).text.startswith("Bob is both")
    assert (await carla.say("deal reassign @bob @dan some", at=NOON)).text == "'some' is not open or all"
    assert "@nobody" in (await carla.say("deal reassign @bob @nobody", at=NOON)).text
    assert "(@to) is missing" in (await carla.say("deal reassign @bob", at=NOON)).text


async def test_undo_hands_a_single_deal_back(chat):
    carla, bob, dan, _ = await team(chat)
    await bob.say('deal add "Open one" 10k', at=NOON)
    await carla.say("deal update #1 owner=@dan", at=NOON)
    assert (await carla.say("undo", at=NOON)).text.startswith("Undone: #1 updated (owner → Dan)")
    shown = await chat.say("deal show #1", at=NOON)
    assert "Owner: Bob" in reply_text(shown) and shown.actions[-1].command == "deal history #1"
    assert column(await chat.say("deal history #1", at=NOON), 2)[-2:] == [
        "updated owner → Dan", "undone: #1 updated (owner → Dan) — its earlier values are back"]
