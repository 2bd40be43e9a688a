"""Long lists page by 50 with a More button; `deal list` filters; activities listed, edited and deleted."""
from datetime import timedelta

from tests.crm.support import NOON, column, rows, team
from tests.support.chat import reply_text


async def _many(chat, count: int):
    for number in range(1, count + 1):
        reply = await chat.say(f'deal add "Deal {number:02d}" {number}k', at=NOON)
        assert not reply.is_error


async def test_deal_list_pages_and_the_more_button(chat):
    await _many(chat, 77)
    first = await chat.say("deal list mine", at=NOON)
    assert first.text == "77 open deals for you (showing 1–50 of 77)."
    assert len(rows(first)) == 50 and column(first)[0] == "Deal 77"
    assert [(a.label, a.command) for a in first.actions] == [("More", "deal list mine page=2")]
    second = await chat.say(first.actions[0].command, at=NOON)
    assert second.text == "77 open deals for you (showing 51–77 of 77)."
    assert column(second)[-1] == "Deal 01" and second.actions == ()
    past = await chat.say("deal list mine page=3", at=NOON)
    assert past.is_error and past.text == "there is no page 3 — 77 open deals make 2 pages"
    bad = await chat.say("deal list page=0", at=NOON)
    assert bad.text == "'0' is not a page number — try page=2"


async def test_deal_list_filters_combine_and_are_named(chat):
    carla, bob, dan, _ = await team(chat)
    await bob.say('deal add "Small" 2k account=Acme close=2026-12-01', at=NOON)
    await bob.say('deal add "Big" 20k account=Acme partner=Ingram stage=proposal close=2027-02-01', at=NOON)
    await dan.say('deal add "Other" 50k account=Globex close=2026-12-05', at=NOON)
    await dan.say('deal add "Euro" 90k EUR account=Acme', at=NOON)
    assert column(await carla.say("deal list account=acme", at=NOON)) == ["Euro", "Big", "Small"]
    big = await carla.say("deal list account=acme amount>=10k", at=NOON)
    assert column(big) == ["Big"] and "matching account=Acme, amount>=$10,000" in big.text
    assert column(await carla.say("deal list close<=2026-12-31", at=NOON)) == ["Other", "Small"]
    assert column(await carla.say("deal list owner=@dan", at=NOON)) == ["Euro", "Other"]
    assert column(await carla.say("deal list partner=ingram stage=proposal", at=NOON)) == ["Big"]
    assert column(await carla.say('deal list amount>=50k close>=2026-12-02', at=NOON)) == ["Other"]
    none = await carla.say("deal list account=acme amount>=100k", at=NOON)
    assert none.text == "No open deals for East matching account=Acme, amount>=$100,000."


async def test_bad_filters_name_the_token_and_show_the_usage(chat):
    await chat.say('deal add "One" 1k', at=NOON)
    cases = {
        "deal list amount>=lots": "'lots' is not an amount",
        "deal list close<=someday": "'someday' is not a date",
        "deal list stage<=proposal": "'stage<=proposal' can't be compared",
        "deal list amount<10k": "'amount<10k' is not a filter",
        "deal list account=nowhere": "there is no account 'nowhere'",
        "deal list colour=red": "'colour=' is not an option of this command",
        "deal list mine team": "'team' was not expected here",
    }
    for line, message in cases.items():
        reply = await chat.say(line, at=NOON)
        assert reply.is_error and reply.text.startswith(message), (line, reply.text)
        assert reply.footer and reply.footer.startswith("Usage: deal list"), line


async def test_activity_list_edit_delete_with_permissions(chat):
    carla, bob, dan, _ = await team(chat)
    await bob.say('deal add "Acme" 1k', at=NOON)
    await bob.say('log call #1 "first call"', at=NOON - timedelta(days=40))
    await bob.say('log email #1 "sent the quote"', at=NOON)
    listed = await bob.say("activity list #1", at=NOON)
    assert listed.text == "Activities for #1 Acme (showing 1–2 of 2)."
    assert column(listed, 5) == ["sent the quote", "first call"]
    recent = await bob.say("activity list mine 30d", at=NOON)
    assert column(recent, 5) == ["sent the quote"] and "in the last 30 days" in recent.text
    email_id = rows(listed)[0][0]
    assert (await dan.say(f'activity edit {email_id} "mine now"', at=NOON)).is_error
    assert (await dan.say(f"activity delete {email_id}", at=NOON)).is_error
    edited = await carla.say(f'activity edit {email_id} "sent the quote v2"', at=NOON)
    assert edited.text == f"Activity {email_id} now reads “sent the quote v2”."
    deleted = await bob.say(f"activity delete {email_id}", at=NOON)
    assert deleted.text == f"Activity {email_id} (email on #1) is deleted."
    assert column(await bob.say("activity list #1", at=NOON), 5) == ["first call"]
    assert "Activities: none" in reply_text(await bob.say("kpi mine", at=NOON))  # the old call is last month
    for line, message in ((f"activity edit {email_id} \"x\"", "there is no activity"),
                          ("activity edit abc \"x\"", "'abc' is not an activity id"),
                          (f"activity edit {rows(listed)[1][0]}", "the new text is missing"),
                          ("activity list soon", "'soon' is not a scope")):
        reply = await bob.say(line, at=NOON)
        assert reply.is_error and message in reply.text, (line, reply.text)


async def test_lists_of_other_areas_page_too(chat):
    for number in range(1, 53):
        reply = await chat.say(f'meeting add "Standup {number}" daily 09:00', at=NOON)
        assert not reply.is_error, reply.text
    first = await chat.say("meeting list", at=NOON)
    assert first.text.endswith("Showing 1–50 of 52.") and len(rows(first)) == 50
    assert first.actions[-1].command == "meeting list page=2"
    second = await chat.say(first.actions[-1].command, at=NOON)
    assert second.text.endswith("Showing 51–52 of 52.") and len(rows(second)) == 2
    assert (await chat.say("meeting list page=3", at=NOON)).text == "there is no page 3 — 52 rows make 2 pages"
    assert (await chat.say("target list page=x", at=NOON)).text == "'x' is not a page number — try page=2"
