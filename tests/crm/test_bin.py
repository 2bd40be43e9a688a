"""`deal delete`, `deal restore`, `deal list deleted`: a deleted deal counts nowhere until it is restored."""
from datetime import timedelta

from tests.crm.support import NOON, column, rows, team
from tests.support.chat import reply_text


async def test_a_deleted_deal_leaves_every_list_and_number(chat):
    await chat.say('deal add "Keep" 10k stage=proposal close=2026-12-01', at=NOON)
    await chat.say('deal add "Mistake" 40k stage=proposal close=2026-11-01 account=Acme force=yes', at=NOON)
    await chat.say('log call #2 "wrong deal"', at=NOON)
    before = await chat.say("kpi all", at=NOON)
    assert "$50,000" in reply_text(before)
    deleted = await chat.say("deal delete #2", at=NOON)
    assert deleted.text.startswith("#2 Mistake is deleted.") and deleted.actions[0].command == "deal restore #2"
    later = NOON + timedelta(minutes=1)
    assert column(await chat.say("deal list all", at=later)) == ["Keep"]
    assert ("Total", "1", "$10,000", "", "$5,000") in rows(await chat.say("pipeline all", at=later))
    kpi = reply_text(await chat.say("kpi all", at=later))
    assert "$10,000" in kpi and "$50,000" not in kpi
    assert "Mistake" not in reply_text(await chat.say("risks all", at=later))
    assert "0 deals with Acme" in (await chat.say("account show acme", at=later)).text
    assert (await chat.say("activity list all", at=later)).text.startswith("No activities")
    funnel = rows(await chat.say("funnel all", at=later))
    assert funnel[0][:2] == ("lead", "1")  # only Keep entered (proposal entries count every stage before)
    shown = await chat.say("deal show #2", at=later)
    assert shown.is_error and "#2 is deleted — `deal restore #2`" in shown.text
    assert (await chat.say("deal show mistake", at=later)).is_error


async def test_restore_brings_back_the_deal_its_history_and_activities(chat):
    await chat.say('deal add "Mistake" 40k stage=proposal', at=NOON)
    await chat.say('log call #1 "first call"', at=NOON)
    await chat.say("deal delete #1", at=NOON)
    bin_ = await chat.say("deal list deleted", at=NOON)
    assert column(bin_) == ["Mistake"] and "showing 1–1 of 1" in bin_.text
    restored = await chat.say(bin_.actions[0].command, at=NOON + timedelta(days=29))
    assert restored.text == "#1 Mistake is restored."
    shown = reply_text(await chat.say("deal show #1", at=NOON + timedelta(days=29)))
    assert "History: lead → proposal" in shown or "History: proposal" in shown
    assert "call: first call" in shown
    assert (await chat.say("deal list deleted", at=NOON + timedelta(days=29))).text.startswith("No deleted deals")


async def test_restore_is_refused_after_thirty_days(chat):
    await chat.say('deal add "Old" 1k', at=NOON)
    await chat.say("deal delete #1", at=NOON)
    late = await chat.say("deal restore #1", at=NOON + timedelta(days=31))
    assert late.is_error and "more than 30 days ago" in late.text
    assert column(await chat.say("deal list deleted", at=NOON + timedelta(days=31))) == ["Old"]


async def test_only_the_owner_their_manager_or_an_admin_may_delete(chat):
    carla, bob, dan, wes = await team(chat)
    await bob.say('deal add "Bob one" 1k', at=NOON)
    refused = await dan.say("deal delete #1", at=NOON)
    assert refused.is_error and "belongs to Bob" in refused.text
    assert (await wes.say("deal delete #1", at=NOON)).is_error
    assert column(await chat.say("deal list all", at=NOON)) == ["Bob one"]  # nothing written
    assert not (await carla.say("deal delete #1", at=NOON)).is_error
    assert (await dan.say("deal restore #1", at=NOON)).is_error
    assert not (await bob.say("deal restore #1", at=NOON)).is_error


async def test_bad_refs_name_the_token(chat):
    await chat.say('deal add "Live" 1k', at=NOON)
    assert (await chat.say("deal restore #1", at=NOON)).text == (
        "#1 is not deleted — `deal list deleted` shows the deals that are")
    assert "there is no deleted deal #9" in (await chat.say("deal restore #9", at=NOON)).text
    named = await chat.say("deal restore live", at=NOON)
    assert named.is_error and "'live' is not a deal number" in named.text
    assert (await chat.say("deal delete #1 now", at=NOON)).text == "'now' was not expected here"


async def test_digest_and_dashboard_leave_deleted_deals_out(chat):
    """Both deals are past their close date (at risk); only the one not deleted is counted."""
    await chat.say('deal add "Gone" 70k stage=negotiation close=2026-11-01 force=yes', at=NOON)
    await chat.say('deal add "Stays" 30k stage=negotiation close=2026-11-01 force=yes', at=NOON)
    await chat.say("deal delete #1", at=NOON)
    assert "You have 1 open deal worth $30,000." in reply_text(await chat.say("dashboard", at=NOON))
    digest = reply_text(await chat.say("digest preview", at=NOON))
    assert "Open pipeline $30,000" in digest and "1 deal(s) at risk" in digest
