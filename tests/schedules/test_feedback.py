"""Feedback prompts: buttons, one answer per person, anonymity, reminders and results at close."""
from sqlmodel import Session, select

from storage.schedule_models import FeedbackAnswer, FeedbackVoter
from tests.schedules.support import RecordingMessenger, make_ticker, utc
from tests.support.chat import reply_text

MONDAY = utc("2026-11-02 09:00")


async def _team(chat):
    """Carla manages East (Ana, Bob, Dan, Eve in it); everyone works in UTC."""
    for user in ("ana", "carla", "bob", "dan", "eve"):
        await chat.as_(user, timezone="UTC").say("whoami", at=MONDAY)
    await chat.say('team create "East"', at=MONDAY)
    await chat.say('team manager "East" @carla', at=MONDAY)
    await chat.say('team add "East" @ana @bob @dan @eve', at=MONDAY)
    return chat.as_("carla", timezone="UTC")


async def _asked(chat, store, line):
    carla = await _team(chat)
    asked = await carla.say(line, at=MONDAY)
    assert not asked.is_error, asked.text
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await ticker.tick(utc("2026-11-02 16:00"))
    return carla, messenger, ticker


def _round_of(messenger, user):
    reply = [r for d, r in messenger.posts if d.user_id == user][-1]
    return reply.actions[0].command.split()[2]


async def test_prompt_goes_to_each_member_with_buttons(chat, store):
    carla, messenger, _ = await _asked(chat, store, 'feedback ask "Confidence?" scale=1-5 anonymous at=16:00 team')
    assert sorted(d.user_id for d, _ in messenger.posts) == ["ana", "bob", "dan", "eve"]
    reply = messenger.posts[0][1]
    assert [a.label for a in reply.actions][:5] == ["1", "2", "3", "4", "5"]
    assert reply.actions[-1].command.startswith("feedback comment")
    assert "anonymous" in reply_text(reply)


async def test_anonymous_results_hidden_below_three_and_never_linked(chat, store):
    carla, messenger, ticker = await _asked(chat, store,
                                            'feedback ask "Confidence?" scale=1-5 anonymous at=16:00 team')
    round_id = _round_of(messenger, "ana")
    at = utc("2026-11-02 16:05")
    await chat.as_("ana").say(f'feedback answer {round_id} 4 comment="pipeline is thin"', at=at)
    await chat.as_("bob").say(f"feedback answer {round_id} 2", at=at)
    hidden = await carla.say("feedback results 1", at=at)
    assert "at least 3" in hidden.text and "thin" not in reply_text(hidden)
    again = await chat.as_("bob").say(f"feedback answer {round_id} 5", at=at)
    assert "already answered" in again.text and "cannot be changed" in again.text
    await chat.as_("dan").say(f"feedback answer {round_id} 3", at=at)
    shown = reply_text(await carla.say("feedback results 1", at=at))
    assert "Answers: 3" in shown and "Mean: 3.0" in shown and "pipeline is thin" in shown
    assert "Who answered" not in shown
    with Session(store.engine) as session:
        answers = list(session.exec(select(FeedbackAnswer)))
        voters = list(session.exec(select(FeedbackVoter)))
    assert sorted(a.value for a in answers) == ["2", "3", "4"]
    assert all(a.person_id is None and a.answered_at is None for a in answers)
    assert len(voters) == 3
    await ticker.tick(utc("2026-11-03 16:00"))  # the round closes after a day: results go to Carla
    assert any("Mean: 3.0" in text for text in messenger.to("carla"))
    with Session(store.engine) as session:
        assert list(session.exec(select(FeedbackVoter))) == []  # at close, not even who took part is kept


async def test_a_named_prompt_shows_who_answered_and_takes_a_changed_answer(chat, store):
    carla, messenger, _ = await _asked(chat, store, 'feedback ask "Forecast on track?" yesno at=16:00 team')
    round_id = _round_of(messenger, "ana")
    at = utc("2026-11-02 16:05")
    await chat.as_("ana").say(f"feedback answer {round_id} yes", at=at)
    changed = await chat.as_("ana").say(f"feedback answer {round_id} no", at=at)
    assert "now “no”" in changed.text
    await chat.as_("bob").say(f"feedback answer {round_id} yes", at=at)
    shown = reply_text(await carla.say("feedback results 1", at=at))
    assert "Who answered: Ana: no, Bob: yes" in shown


async def test_non_responders_get_one_reminder_before_close(chat, store):
    carla, messenger, ticker = await _asked(chat, store, 'feedback ask "Weekly pulse?" yesno at=16:00 team')
    round_id = _round_of(messenger, "ana")
    await chat.as_("ana").say(f"feedback answer {round_id} yes", at=utc("2026-11-02 17:00"))
    for hour in ("2026-11-03 04:00", "2026-11-03 08:00", "2026-11-03 10:00"):
        await ticker.tick(utc(hour))
    reminded = [d.user_id for d, r in messenger.posts if "reminder" in r.text.lower()]
    assert sorted(reminded) == ["bob", "dan", "eve"]  # once each, within their working hours, not Ana
    late = await chat.as_("bob").say(f"feedback answer {round_id} no", at=utc("2026-11-03 16:01"))
    assert late.is_error and "closed" in late.text


async def test_answer_must_be_one_of_the_choices(chat, store):
    _, messenger, _ = await _asked(chat, store, 'feedback ask "Best channel?" choices="email,phone" at=16:00 team')
    round_id = _round_of(messenger, "bob")
    wrong = await chat.as_("bob").say(f"feedback answer {round_id} fax", at=utc("2026-11-02 16:10"))
    assert wrong.is_error and "email, phone" in wrong.text


async def test_comment_form_submits_an_answer(chat, store):
    from handlers.commands import FORM_HANDLERS, build_registry
    from handlers.context import FormSubmission
    from handlers.processor import CommandProcessor

    _, messenger, _ = await _asked(chat, store, 'feedback ask "Confidence?" scale=1-5 at=16:00 team')
    round_id = _round_of(messenger, "bob")
    form_reply = await chat.as_("bob").say(f"feedback comment {round_id}", at=utc("2026-11-02 16:10"))
    assert form_reply.form is not None
    request = chat.as_("bob").request("x")
    processor = CommandProcessor(store, build_registry(), FORM_HANDLERS, clock=lambda: utc("2026-11-02 16:10"))
    saved = await processor.submit_async(FormSubmission(form_reply.form.form_id, {
        "round": round_id, "answer": "4", "comment": "good month"}, request.sender, request.origin))
    assert "saved" in saved.text


async def test_win_loss_question_asks_the_owner_why(chat, store):
    await chat.say("feedback template winloss", at=MONDAY)
    await chat.say('deal add "Acme" 10k', at=MONDAY)
    won = await chat.say("deal won #1", at=MONDAY)
    assert "Why did #1 Acme close as won?" in reply_text(won)
    command = next(a.command for a in won.actions if a.label == "price")
    thanks = await chat.say(command, at=MONDAY)
    assert "saved" in thanks.text
    results = reply_text(await chat.say("feedback results 1", at=MONDAY))
    assert "price | 1" in results


async def test_win_loss_question_reaches_an_owner_who_did_not_close_it(chat, store):
    await chat.say("feedback template winloss", at=MONDAY)
    await chat.as_("bob").say('deal add "Bobco" 5k', at=MONDAY)
    await chat.say('deal lost #1 reason="budget"', at=MONDAY)  # Ana, an admin, closes Bob's deal
    messenger = RecordingMessenger()
    await make_ticker(store, messenger).tick(utc("2026-11-02 09:01"))
    assert any("Why did #1 Bobco close as lost?" in text for text in messenger.to("bob"))


async def test_channel_prompt_reminds_the_team_members_who_did_not_answer(chat, store):
    carla, messenger, ticker = await _asked(chat, store, 'feedback ask "Ready for QBR?" yesno at=16:00 here')
    [(destination, prompt)] = messenger.posts
    assert destination.channel_id == "C-general" and prompt.public
    round_id = prompt.actions[0].command.split()[2]
    for user in ("ana", "bob"):
        await chat.as_(user).say(f"feedback answer {round_id} yes", at=utc("2026-11-02 16:30"))
    await ticker.tick(utc("2026-11-03 08:00"))
    assert sorted(d.user_id for d, _ in messenger.posts[1:]) == ["dan", "eve"]
