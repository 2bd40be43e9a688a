"""Slack's three seconds: a command stuck behind a database lock is acknowledged, then answered via response_url."""
from __future__ import annotations

from sqlalchemy import text

from adapters.slack.deadline import WORKING
from tests.support.databases import write_lock_held


def deal_count(bot) -> int:
    # A plain read: it must not queue behind the held lock the way a unit of work does.
    with bot.app.engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM deal")).scalar_one()


async def test_a_slow_command_is_acknowledged_and_answered_through_response_url(bot, fake_slack, engine):
    await bot.slack.command("help")  # the person exists, so only the deal itself waits for the lock
    with write_lock_held(engine):
        ack = await bot.slack.command('deal add "Slowco" 5k')
        assert ack == {"response_type": "ephemeral", "text": WORKING}
        assert deal_count(bot) == 0 and fake_slack.called("response_url") == []
    await bot.settle()
    (answer,) = fake_slack.called("response_url")
    assert "Deal #1 added: Slowco" in answer.args["text"]
    assert deal_count(bot) == 1


async def test_a_quick_command_still_answers_in_the_acknowledgement(bot, fake_slack):
    ack = await bot.slack.command('deal add "Quickco" 5k')
    assert "Quickco" in ack["text"]
    await bot.settle()
    assert fake_slack.called("response_url") == []
