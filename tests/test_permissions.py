"""Reps change only their own deals, managers their team's, admins everything."""
from tests.support.chat import reply_text
from tests.support.snapshot import db_snapshot


async def org(chat):
    """ana = admin, maria = manager of East with bob; carl = rep outside East."""
    await chat.say("whoami")
    for person in ("maria", "bob", "carl"):
        await chat.as_(person).say("whoami")
    await chat.say('team create "East"')
    await chat.say('team manager "East" @maria')
    await chat.say('team add "East" @bob')
    await chat.as_("bob").say('deal add "Bob deal" 5k')
    await chat.as_("carl").say('deal add "Carl deal" 7k')


async def test_rep_cannot_touch_anothers_deal(chat, engine):
    await org(chat)
    before = db_snapshot(engine)
    for command in ("deal won #1", "deal stage #1 qualified", "deal update #1 amount=1k", 'log call #1 "hi"',
                    "deal lost #1"):
        reply = await chat.as_("carl").say(command)
        assert reply.is_error and "#1 belongs to Bob" in reply.text
    assert db_snapshot(engine) == before


async def test_manager_changes_their_teams_deals_only(chat):
    await org(chat)
    maria = chat.as_("maria")
    assert "moved from lead to qualified" in (await maria.say("deal stage #1 qualified")).text
    refused = await maria.say("deal won #2")
    assert refused.is_error and "belongs to Carl" in refused.text


async def test_admin_changes_anything(chat):
    await org(chat)
    assert "is won" in (await chat.say("deal won #2")).text


async def test_only_admins_change_roles_stages_and_settings(chat):
    await org(chat)
    bob = chat.as_("bob")
    for command, words in (("role @carl admin", "only an admin"), ("stages set a:10", "only an admin"),
                           ("settings currency EUR", "only an admin"), ('team create "West"', "manager or an admin"),
                           ('team add "East" @carl', "only the manager of East")):
        reply = await bob.say(command)
        assert reply.is_error and words in reply.text, (command, reply.text)


async def test_roles_and_managers(chat):
    await org(chat)
    assert (await chat.say("role @carl manager")).text == "Carl is now a manager."
    assert "Manages: East" in reply_text(await chat.as_("maria").say("whoami"))
    alone = await chat.say("role @ana rep")
    assert alone.is_error and "only admin" in alone.text


async def test_team_scope_for_managers(chat):
    await org(chat)
    rows = (await chat.as_("maria").say("deal list team")).table.rows
    assert [row[1] for row in rows] == ["Bob deal"]
    lonely = await chat.as_("carl").say("pipeline team")
    assert lonely.is_error and "not in a team" in lonely.text
