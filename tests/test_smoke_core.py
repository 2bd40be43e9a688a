"""Smoke: a deal added through the command language shows up in the pipeline."""
from tests.support.chat import reply_text


async def test_added_deal_appears_in_pipeline(chat):
    added = await chat.say('deal add "Acme renewal" 12k stage=proposal')
    assert "Deal #1 added" in added.text
    pipeline = await chat.say("pipeline")
    assert ("proposal", "1", "$12,000", "50%", "$6,000") in pipeline.table.rows
    assert "Acme renewal" in reply_text(added)
