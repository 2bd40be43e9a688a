"""Amounts beyond 32 bits (a $30m deal is 3,000,000,000 cents) are stored and shown exactly on every backend."""
import importlib

from alembic import command
from sqlalchemy import BigInteger, inspect, text

from storage.migrate import alembic_config, upgrade
from tests.support.chat import reply_text

MIGRATION = importlib.import_module("storage.migrations.versions.0016_big_amounts")


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


def test_the_migration_widens_amounts_of_an_existing_database_and_goes_down_and_up(engine):
    config = alembic_config(engine)
    before = MIGRATION.down_revision
    try:
        command.downgrade(config, before)
        upgrade(engine)
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO workspace (id, platform, external_id, name, timezone, currency, "
                                    "risk_idle_days, next_deal_number, created_at, big_deal_minor) VALUES (1, "
                                    "'console', 'w', 'W', 'UTC', 'USD', 14, 1, '2026-01-01 00:00:00', 3000000000)"))
            assert connection.execute(text("SELECT big_deal_minor FROM workspace")).scalar() == 3_000_000_000
        types = {c["name"]: c["type"] for c in inspect(engine).get_columns("deal")}
        if engine.dialect.name == "postgresql":
            assert isinstance(types["amount_minor"], BigInteger)
    finally:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM workspace"))
        upgrade(engine)
