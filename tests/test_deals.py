"""Deals end to end through the command language, on a real database."""
from datetime import date, datetime, timezone

from tests.support.chat import reply_text

NOON = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)  # a Friday


async def test_deal_add_with_every_option(chat):
    reply = await chat.say('deal add "Acme renewal" $12,500 stage=qualified close=2026-12-15 '
                           'account="Acme Corp" partner=Ingram', at=NOON)
    text = reply_text(reply)
    assert "Deal #1 added: Acme renewal, $12,500, qualified." in text
    for fact in ("Amount: $12,500", "Stage: qualified (25%)", "Owner: Ana", "Close: 2026-12-15",
                 "Account: Acme Corp", "Partner: Ingram"):
        assert fact in text
    assert [a.command for a in reply.actions] == ["deal stage #1 proposal", "deal won #1", "deal lost #1", "log #1"]


async def test_amount_in_another_currency_and_relative_close(chat):
    reply = await chat.say('deal add "Euro deal" 12000 EUR close=fri', at=NOON)
    assert "€12,000" in reply_text(reply)
    assert "Close: 2026-12-04" in reply_text(reply)  # the next Friday after Friday the 27th


async def test_numbers_are_per_workspace_and_sequential(chat):
    for name in ("One", "Two", "Three"):
        await chat.say(f'deal add "{name}" 1k')
    other = await chat.in_("globex-sales").say('deal add "First elsewhere" 1k')
    assert "Deal #1 added" in other.text
    assert "#3 Three" in reply_text(await chat.say("deal show three"))


async def test_stage_moves_are_recorded_in_history(chat):
    await chat.say('deal add "Acme renewal" 12k')
    await chat.say("deal stage #1 qualified")
    await chat.say("deal stage acme proposal")
    shown = reply_text(await chat.say("deal show #1"))
    assert "History: lead → qualified → proposal" in shown


async def test_won_deal_leaves_the_pipeline(chat):
    await chat.say('deal add "Acme renewal" 12k stage=negotiation')
    await chat.say('deal add "Globex" 8k stage=proposal')
    won = await chat.say("deal won #1")
    assert "#1 Acme renewal is won" in won.text
    rows = (await chat.say("pipeline")).table.rows
    assert ("negotiation", "1", "$12,000", "75%", "$9,000") not in rows
    assert ("Total", "1", "$8,000", "", "$4,000") in rows


async def test_lost_with_reason_and_reopen(chat):
    await chat.say('deal add "Acme renewal" 12k')
    lost = await chat.say('deal lost #1 reason="went with a competitor"')
    assert "marked lost: went with a competitor" in lost.text
    assert "Lost because: went with a competitor" in reply_text(await chat.say("deal show #1"))
    assert [a.label for a in lost.actions] == ["Reopen"]
    reopened = await chat.say(lost.actions[0].command)
    assert "moved from lost to lead" in reopened.text
    assert "Lost because" not in reply_text(await chat.say("deal show #1"))


async def test_update_changes_fields_and_counts_pushed_close_dates(chat, store):
    # A fixed clock: these close dates must stay in the future for a new deal.
    at = datetime(2026, 11, 1, 10, 0, tzinfo=timezone.utc)
    await chat.say('deal add "Acme renewal" 12k close=2026-12-01', at=at)
    await chat.say("deal update #1 close=2026-12-10", at=at)
    reply = await chat.say('deal update #1 amount=15k close=2026-12-20 name="Acme renewal 2027" account=Acme', at=at)
    assert "amount → 1500000" not in reply.text  # amounts are shown as money, never minor units
    text = reply_text(reply)
    assert "Amount: $15,000" in text and "Close: 2026-12-20" in text and "#1 Acme renewal 2027" in text
    with store.workspace("console", "acme-sales") as ws:
        assert ws.deals.by_number(1).close_pushes == 2


async def test_deal_list_scopes_and_stage_filter(chat):
    await chat.say('deal add "Ana one" 1k stage=proposal')
    await chat.as_("bob").say('deal add "Bob one" 2k stage=lead')
    mine = await chat.as_("bob").say("deal list mine")
    assert [row[1] for row in mine.table.rows] == ["Bob one"]
    proposals = await chat.say("deal list all stage=proposal")
    assert [row[1] for row in proposals.table.rows] == ["Ana one"]
    by_person = await chat.say("deal list @bob")
    assert [row[1] for row in by_person.table.rows] == ["Bob one"]


async def test_log_activity_on_deal_and_account(chat):
    await chat.say('deal add "Acme renewal" 12k account="Acme Corp"')
    on_deal = await chat.say('log call #1 "pricing agreed"')
    assert on_deal.text == "Logged a call on #1 Acme renewal. “pricing agreed”"
    on_account = await chat.say('log visit "Acme Corp" "site tour"')
    assert on_account.text.startswith("Logged a visit with Acme Corp.")
    assert "call: pricing agreed" in reply_text(await chat.say("deal show #1"))


async def test_deal_add_without_arguments_returns_the_form(chat):
    reply = await chat.say("deal add")
    assert reply.form is not None
    assert [f.name for f in reply.form.fields] == ["name", "amount", "stage", "close", "account", "partner"]
    assert reply.form.fields[2].choices == ("lead", "qualified", "proposal", "negotiation")


async def test_pipeline_weighted_values(chat):
    await chat.say('deal add "A" 10k stage=lead')
    await chat.say('deal add "B" 20k stage=lead')
    await chat.say('deal add "C" 40k stage=negotiation')
    rows = (await chat.say("pipeline")).table.rows
    assert rows == (("lead", "2", "$30,000", "10%", "$3,000"),
                    ("negotiation", "1", "$40,000", "75%", "$30,000"),
                    ("Total", "3", "$70,000", "", "$33,000"))


async def test_custom_stages(chat):
    reply = await chat.say("stages set discovery:10 demo:40 contract:80")
    assert [row[0] for row in reply.table.rows] == ["discovery", "demo", "contract", "won", "lost"]
    added = await chat.say('deal add "X" 1k')
    assert "discovery" in added.text


async def test_first_close_date_is_a_date(chat, store):
    await chat.say('deal add "Acme" 1k close=2026-12-31', at=NOON)
    with store.workspace("console", "acme-sales") as ws:
        assert ws.deals.by_number(1).expected_close == date(2026, 12, 31)
