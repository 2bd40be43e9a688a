"""Forms (the deal and activity forms) and team announcements, through the processor."""
from handlers.context import FormSubmission, Origin, Sender
from tests.support.chat import reply_text
from tests.support.snapshot import db_snapshot


def submission(chat, form_id, **values):
    return FormSubmission(form_id, values, Sender(chat.user, chat.user.capitalize()),
                          Origin("console", chat.workspace, chat.workspace, chat.channel))


async def test_deal_form_reports_every_bad_field_at_once_and_writes_nothing(chat, processor, engine):
    await chat.say("whoami")
    before = db_snapshot(engine)
    reply = await processor.submit_async(submission(chat, "deal_add", name="", amount="12kk", stage="nope",
                                                    close="2026-02-30"))
    assert reply.is_error
    errors = reply.form.errors()
    assert errors["name"] == "required"
    assert "'12kk' is not an amount" in errors["amount"]
    assert "'nope' is not a stage" in errors["stage"]
    assert "2026-02-30" in errors["close"]
    assert reply.form.fields[1].value == "12kk"  # what was typed is kept for correction
    assert db_snapshot(engine) == before


async def test_valid_deal_form_creates_the_deal(chat, processor):
    reply = await processor.submit_async(submission(chat, "deal_add", name="Acme renewal", amount="12k",
                                                    stage="proposal", close="2026-12-15", account="Acme"))
    assert "Deal #1 added: Acme renewal, $12,000, proposal." in reply.text
    assert "Account: Acme" in reply_text(await chat.say("deal show #1"))


async def test_log_button_opens_the_activity_form_and_submitting_logs(chat, processor):
    added = await chat.say('deal add "Acme renewal" 12k')
    form_reply = await chat.say(next(a.command for a in added.actions if a.label == "Log activity"))
    assert form_reply.form.form_id == "log_activity"
    assert form_reply.form.fields[0].value == "#1"
    done = await processor.submit_async(submission(chat, "log_activity", target="#1", kind="demo",
                                                   notes="showed the dashboard"))
    assert done.text == "Logged a demo on #1 Acme renewal. “showed the dashboard”"
    bad = await processor.submit_async(submission(chat, "log_activity", target="#1", kind="dance"))
    assert bad.is_error and "'dance' is not an activity" in bad.form.errors()["kind"]


async def test_unknown_form_is_answered_politely(chat, processor):
    reply = await processor.submit_async(submission(chat, "no_such_form"))
    assert reply.is_error and "no longer available" in reply.text


async def test_wins_losses_and_big_deals_are_announced_in_the_team_channel(chat):
    await chat.say("whoami")  # ana first: she is the admin
    await chat.as_("bob").say("whoami")
    await chat.say('team create "East"')
    await chat.say('team add "East" @bob')
    await chat.say('team channel "East" here')
    await chat.say("settings bigdeal 100k")
    bob = chat.as_("bob")
    small = await bob.say('deal add "Small" 5k')
    assert small.announcements == ()
    big = await bob.say('deal add "Huge" 250k')
    assert [a.channel for a in big.announcements] == ["C-general"]
    assert "Big deal: Bob opened Huge" in big.announcements[0].reply.text
    won = await bob.say("deal won #1")
    assert "Bob won Small" in won.announcements[0].reply.text
    lost = await bob.say('deal lost #2 reason="budget cut"')
    assert lost.announcements[0].reply.text == "Bob lost Huge. Reason: budget cut"


async def test_personal_and_workspace_timezones(chat):
    assert "Europe/Lisbon" in (await chat.say("settings timezone europe/lisbon")).text
    bob = chat.as_("bob")
    assert (await bob.say("settings timezone Asia/Tokyo")).text == "Your timezone is now Asia/Tokyo."
    assert "Timezone: Asia/Tokyo" in reply_text(await bob.say("whoami"))
    assert "Timezone: Europe/Lisbon (workspace default)" in reply_text(await chat.as_("carl").say("whoami"))


async def test_help_lists_commands_and_explains_one(chat):
    listing = await chat.say("help")
    names = [row[0] for row in listing.table.rows]
    assert "deal add" in names and "pipeline" in names and "task add" in names
    one = await chat.say("help deal lost")
    assert 'Usage: deal lost <#12|name> [reason="..."]' in reply_text(one)
    group = await chat.say("help deal")
    names = {" ".join(row[0].split()[:2]) for row in group.table.rows}
    assert names == {"deal add", "deal show", "deal list", "deal update", "deal stage", "deal won", "deal lost",
                     "deal delete", "deal restore", "deal reassign", "deal history", "deal forecast"}
