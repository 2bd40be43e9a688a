"""Approvals: the approver gets a card with Approve / Reject, decides once, the requester is told."""
from __future__ import annotations

from datetime import timedelta

from handlers.context import FormSubmission, Origin, Sender
from handlers.reply import Form
from tests.rhythm.support import NOW, org
from tests.schedules.support import RecordingMessenger, make_ticker
from tests.support.chat import reply_text
from tests.support.snapshot import db_snapshot as snapshot


async def test_the_managers_card_decides_once_and_the_requester_is_told(chat, store):
    people = await org(chat)
    await people["bob"].say('deal add "Acme" 50k', at=NOW)
    asked = await people["bob"].say('approval ask #1 discount=15% "three-year term"', at=NOW)
    assert asked.text == "Approval 1 asked: a 15% discount on #1 Acme. Carla will decide."
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await ticker.tick(NOW + timedelta(minutes=1))
    [card] = [r for d, r in messenger.posts if d.user_id == "carla"]
    assert "Bob asks for a 15% discount on #1 Acme ($50,000) — “three-year term”" in card.text
    assert [(a.label, a.command) for a in card.actions] == [("Approve", "approval approve 1"),
                                                            ("Reject", "approval reject 1")]
    decided = await people["carla"].say(card.actions[0].command, at=NOW + timedelta(minutes=5))
    second = await people["ana"].say("approval reject 1 \"too late\"", at=NOW + timedelta(minutes=6))
    assert decided.text == "Approval 1 approved: a 15% discount on #1 Acme."
    assert second.text == "approval 1 was already approved by Carla on Wed 04 Nov 15:05"
    await ticker.tick(NOW + timedelta(minutes=7))
    [told] = messenger.to("bob")[-1:]
    assert "Your request 1 (a 15% discount on #1 Acme) was approved by Carla." in told
    history = reply_text(await people["bob"].say("approval list mine", at=NOW + timedelta(minutes=8)))
    assert "| approved" in history


async def test_reject_without_a_reason_asks_for_one_in_a_form(chat):
    people = await org(chat)
    await people["zoe"].say('deal add "Wayne" 20k', at=NOW)
    await people["zoe"].say('approval ask #1 "free onboarding"', at=NOW)
    form_reply = await people["wes"].say("approval reject 1", at=NOW)
    assert isinstance(form_reply.form, Form) and form_reply.form.fields[1].required
    processor = chat.processor
    origin = Origin("console", "acme-sales", "Acme-Sales", "C-general")
    empty = processor.submit(FormSubmission("approval_reject", {"approval": "1", "reason": " "},
                                            Sender("wes", "Wes", "UTC"), origin))
    assert empty.form is not None and "the reason is missing" in empty.form.errors()["reason"]
    done = processor.submit(FormSubmission("approval_reject", {"approval": "1", "reason": "no budget for it"},
                                           Sender("wes", "Wes", "UTC"), origin))
    assert done.text == "Approval 1 rejected: free onboarding on #1 Wayne."


async def test_only_the_approver_or_an_admin_decides_and_refusals_write_nothing(chat, engine):
    people = await org(chat)
    await people["bob"].say('deal add "Acme" 50k', at=NOW)
    await people["zoe"].say('deal add "Wayne" 20k', at=NOW)
    await people["bob"].say("approval ask #1 discount=10%", at=NOW)
    before = snapshot(engine)
    cases = [("dan", "approval approve 1", "only Carla or an admin can decide approval 1"),
             ("wes", "approval approve 1", "only Carla or an admin"),
             ("bob", "approval ask #2 discount=10%", "#2 belongs to Zoe"),
             ("bob", "approval ask #1 registration", "#1 has no partner"),
             ("bob", "approval ask #1 discount=150%", "is not a percentage"),
             ("bob", "approval ask #1", "what to approve is missing"),
             ("bob", "approval ask #1 discount=5% approver=@bob", "you can't approve your own request"),
             ("carla", "approval approve 9", "there is no approval 9"),
             ("carla", "approval approve ²", "is not a request number"),
             ("carla", "approval list everything", "is not pending, mine or team")]
    for user, command, expected in cases:
        reply = await people[user].say(command, at=NOW)
        assert reply.is_error and expected in reply.text, (command, reply.text)
    assert snapshot(engine) == before


async def test_waiting_requests_reach_the_approvers_digest_and_registrations_show_in_partners(chat):
    people = await org(chat)
    await people["bob"].say('deal add "Acme" 50k partner="Brightline"', at=NOW)
    await people["bob"].say("approval ask #1 registration", at=NOW)
    fresh = reply_text(await people["carla"].say("digest preview", at=NOW + timedelta(hours=2)))
    assert "Waiting on you" not in fresh
    later = reply_text(await people["carla"].say("digest preview", at=NOW + timedelta(days=2)))
    assert "Waiting on you: 1 request older than a day (1)" in later
    partners = await people["carla"].say("partners team", at=NOW)
    assert "Partner registrations: 1 pending" in partners.footer
