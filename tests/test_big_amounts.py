"""Amounts beyond 32 bits (a $30m deal is 3,000,000,000 cents) are stored and shown exactly on every backend."""
from tests.support.chat import reply_text


async def test_a_30m_and_a_9bn_deal_are_stored_and_shown_exactly(chat):
    first = await chat.say('deal add "Harbour bridge" 30m stage=proposal')
    assert "Deal #1 added: Harbour bridge, $30,000,000, proposal." in reply_text(first)
    second = await chat.say('deal add "Grid" $9,000,000,000.01 stage=proposal')
    assert "Deal #2 added: Grid, $9,000,000,000.01, proposal." in reply_text(second)
    assert "Amount: $9,000,000,000.01" in reply_text(await chat.say("deal show #2"))
    assert "Amount: $30,000,000" in reply_text(await chat.say("deal show #1"))
    rows = (await chat.say("pipeline")).table.rows
    assert ("Total", "2", "$9,030,000,000.01", "", "$4,515,000,000") in rows


async def test_a_big_amount_survives_an_edit_a_target_and_the_big_deal_setting(chat):
    await chat.say('deal add "Harbour bridge" 30m')
    edited = await chat.say("deal update #1 amount=3,000,000,000.07")
    assert "$3,000,000,000.07" in reply_text(edited)
    assert "Amount: $3,000,000,000.07" in reply_text(await chat.say("deal show #1"))
    target = await chat.say("target set @ana won_value 30,000m quarter")
    assert "Target set: Ana, won value $30,000,000,000" in reply_text(target)
    assert "| $30,000,000,000" in reply_text(await chat.say("target list @ana"))
    setting = await chat.say("settings bigdeal 25m")
    assert "New deals of $25,000,000 or more are announced" in reply_text(setting)


async def test_an_amount_beyond_the_limit_gets_a_short_reply_and_nothing_is_written(chat):
    reply = await chat.say('deal add "Too big" 2,000,000m')
    assert reply.text.startswith("'2,000,000m' is too large — amounts go up to 1,000,000,000,000")
    assert "Deal #1 added" in reply_text(await chat.say('deal add "Largest" 1,000,000m'))
    assert "Amount: $1,000,000,000,000" in reply_text(await chat.say("deal show #1"))
