"""Who may read what: `settings visibility open|team|own` (default team); leaderboards stay visible to all."""
import pytest

from tests.support.chat import reply_text
from tests.support.snapshot import db_snapshot

# bob and dan work in East (maria manages it), carl in West (wendy manages it); ana is the admin.
BOB_DEAL, DAN_DEAL, CARL_DEAL = "#1", "#2", "#3"


async def org(chat):
    await chat.say("whoami")
    for person in ("maria", "wendy", "bob", "dan", "carl"):
        await chat.as_(person).say("whoami")
    for line in ('team create "East"', 'team manager "East" @maria', 'team add "East" @bob @dan',
                 'team create "West"', 'team manager "West" @wendy', 'team add "West" @carl',
                 "role @maria manager", "role @wendy manager"):
        assert not (await chat.say(line)).is_error, line
    for person, name in (("bob", "Bob deal"), ("dan", "Dan deal"), ("carl", "Carl deal")):
        await chat.as_(person).say(f'deal add "{name}" 5k')


READS = ("pipeline team", "kpi team", "funnel team", "kpi @dan", "pipeline @dan", "kpi @carl", "pipeline @carl",
         "pipeline all", "kpi all", "deal list all", "deal list team", "deal list @dan", f"deal show {DAN_DEAL}",
         f"deal show {CARL_DEAL}", "risks team", "risks @carl", "partners all", "dashboard", "digest preview",
         "pipeline mine", f"deal show {BOB_DEAL}", "deal list mine", "risks mine", "leaderboard all", "leaderboard")
# What a rep (bob) may read under each setting: the rest is refused.
REP_MAY = {
    "team": {"pipeline team", "kpi team", "funnel team", "kpi @dan", "pipeline @dan", "dashboard", "digest preview",
             "pipeline mine", f"deal show {BOB_DEAL}", "deal list mine", "risks mine", "leaderboard all",
             "leaderboard"},
    "own": {"dashboard", "digest preview", "pipeline mine", f"deal show {BOB_DEAL}", "deal list mine", "risks mine",
            "leaderboard all", "leaderboard"},
    "open": set(READS),
}


@pytest.mark.parametrize("visibility", ["team", "own", "open"])
async def test_a_rep_reads_what_the_setting_allows_and_nothing_is_written_when_refused(chat, engine, visibility):
    await org(chat)
    if visibility != "team":  # team is the default: nothing to set
        assert not (await chat.say(f"settings visibility {visibility}")).is_error
    bob = chat.as_("bob")
    for line in READS:
        before = db_snapshot(engine)
        reply = await bob.say(line)
        if line in REP_MAY[visibility]:
            assert not reply.is_error, (visibility, line, reply.text)
        else:
            assert reply.is_error and "you can see your" in reply.text, (visibility, line, reply.text)
            assert "settings visibility" in reply.text
            assert db_snapshot(engine) == before, line


async def test_managers_read_their_team_and_admins_everything(chat):
    await org(chat)
    maria = chat.as_("maria")
    for line in ("pipeline team", "kpi @bob", f"deal show {BOB_DEAL}", "deal list team", "risks team"):
        assert not (await maria.say(line)).is_error, line
    for line in ("pipeline all", "kpi @carl", f"deal show {CARL_DEAL}", "deal list @carl", "risks all"):
        refused = await maria.say(line)
        assert refused.is_error and "your team's numbers and deals" in refused.text, line
    for line in ("pipeline all", "kpi @carl", f"deal show {CARL_DEAL}", "deal list all", "risks all"):
        assert not (await chat.say(line)).is_error, line


async def test_leaderboards_stay_visible_to_everyone(chat):
    await org(chat)
    await chat.as_("bob").say(f"deal won {BOB_DEAL}")
    await chat.as_("dan").say(f"deal won {DAN_DEAL}")
    await chat.say("settings visibility own")
    board = reply_text(await chat.as_("carl").say("leaderboard won_count all"))
    assert "Bob" in board and "Dan" in board


async def test_deal_buttons_are_only_those_the_viewer_may_use(chat):
    await org(chat)
    await chat.say("settings visibility open")
    own = await chat.as_("bob").say(f"deal show {BOB_DEAL}")
    assert "Mark won" in [a.label for a in own.actions]
    theirs = await chat.as_("bob").say(f"deal show {CARL_DEAL}")
    # Only reading is left: the deal's history, which a reader may open; nothing that changes the deal.
    assert not theirs.is_error and [a.command for a in theirs.actions] == [f"deal history {CARL_DEAL}"]
    managed = await chat.as_("maria").say(f"deal show {DAN_DEAL}")
    assert "Mark won" in [a.label for a in managed.actions]
    assert [a.command for a in (await chat.as_("maria").say(f"deal show {CARL_DEAL}")).actions] == \
        [f"deal history {CARL_DEAL}"]


async def test_only_admins_set_visibility_and_a_bad_word_is_named(chat, engine):
    await org(chat)
    before = db_snapshot(engine)
    refused = await chat.as_("maria").say("settings visibility open")
    assert refused.is_error and "only an admin" in refused.text
    bad = await chat.say("settings visibility everyone")
    assert bad.is_error and "'everyone' is not a visibility" in bad.text
    assert "settings visibility open|team|own" in reply_text(bad)
    assert db_snapshot(engine) == before
    said = await chat.say("settings visibility own")
    assert "only their own" in said.text and "Leaderboards stay visible" in said.text
    assert (await chat.as_("bob").say("pipeline team")).is_error


async def test_a_team_prompt_is_answered_only_by_its_team(chat, store):
    from tests.schedules.support import RecordingMessenger, make_ticker
    from handlers.clock import utc_now

    await org(chat)
    for user in ("maria", "bob", "carl"):  # the question goes out now, whatever the hour the suite runs at
        await chat.as_(user).say("quiet off")
    await chat.as_("maria").say('feedback ask "Ready?" yesno team')
    await make_ticker(store, RecordingMessenger()).tick(utc_now())
    refused = await chat.as_("carl").say("feedback answer 1 yes")
    assert refused.is_error and "not asked of you" in refused.text
    assert "is saved" in (await chat.as_("bob").say("feedback answer 1 yes")).text
