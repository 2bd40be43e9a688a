"""Accounts (list, show, update) and contacts (add, list, show, update, a deal's contact=)."""
from tests.crm.support import NOON, column, rows, team
from tests.support.chat import reply_text


async def test_account_list_scopes_and_show(chat):
    carla, bob, dan, wes = await team(chat)
    await bob.say('deal add "Acme one" 10k account=Acme', at=NOON)
    await bob.say('deal add "Acme two" 5k account=Acme', at=NOON)
    await bob.say("deal won #2", at=NOON)
    await wes.say('deal add "Globex" 3k account=Globex', at=NOON)
    await bob.say('log visit Acme "site tour"', at=NOON)
    assert column(await bob.say("account list", at=NOON), 0) == ["Acme"]
    assert column(await carla.say("account list team", at=NOON), 0) == ["Acme"]
    everything = await chat.say("account list all", at=NOON)
    assert rows(everything)[0][:5] == ("Acme", "—", "—", "1", "1") and "showing 1–2 of 2" in everything.text
    shown = await bob.say("account show acm", at=NOON)
    text = reply_text(shown)
    assert shown.title == "Acme" and "#1 | Acme one | $10,000 | lead" in text and "#2 | Acme two | $5,000 | won" in text
    assert "visit: site tour" in text
    assert [a.command for a in shown.actions] == ['deal list all account="Acme"', 'contact list "Acme"',
                                                 'contact add account="Acme"']


async def test_account_update_and_who_may(chat):
    carla, bob, dan, wes = await team(chat)
    await bob.say('deal add "Acme one" 10k account=Acme', at=NOON)
    assert (await bob.say("account update acme owner=@dan", at=NOON)).is_error  # a rep names only themselves
    updated = await bob.say('account update acme industry="Retail" owner=@bob', at=NOON)
    assert updated.text == "Acme updated: industry → Retail, owner → Bob."
    refused = await wes.say("account update acme industry=Mining", at=NOON)
    assert refused.is_error and "looked after by Bob" in refused.text
    assert not (await carla.say('account update acme name="Acme Corp"', at=NOON)).is_error
    assert "Account: Acme Corp" in reply_text(await bob.say("deal show #1", at=NOON))
    await chat.say('deal add "Other" 1k account=Globex', at=NOON)
    taken = await chat.say('account update globex name="acme corp"', at=NOON)
    assert taken.text == "there is already an account called Acme Corp"
    assert (await chat.say("account update acme", at=NOON)).text.startswith("say what to change")
    assert (await chat.say("account update nowhere industry=x", at=NOON)).text.startswith(
        "there is no account 'nowhere'")


async def test_contacts_end_to_end(chat):
    added = await chat.say('contact add "Dana Reyes" account="Acme Corp" title=CFO email=dana@acme.example '
                           'phone="+1 555 010 2030"', at=NOON)
    assert added.text == "Contact Dana Reyes added at Acme Corp." and "Email: dana@acme.example" in reply_text(added)
    await chat.say('contact add "Dan Ho" account="Acme Corp"', at=NOON)
    listed = await chat.say('contact list "acme corp"', at=NOON)
    assert column(listed, 0) == ["Dan Ho", "Dana Reyes"] and "showing 1–2 of 2" in listed.text
    assert (await chat.say("contact show dan", at=NOON)).is_error  # two match: Dan Ho, Dana Reyes
    assert (await chat.say("contact show dana", at=NOON)).title == "Dana Reyes"
    updated = await chat.say('contact update dana title="" phone="020 7946 0958"', at=NOON)
    assert updated.text == "Dana Reyes updated: title → —, phone → 020 7946 0958."
    deal = await chat.say('deal add "Acme renewal" 12k contact="dana reyes"', at=NOON)
    assert "Contact: Dana Reyes" in reply_text(deal) and "Account: Acme Corp" in reply_text(deal)
    await chat.say('deal add "Globex" 1k account=Globex', at=NOON)
    elsewhere = await chat.say('deal update #2 contact="dana reyes"', at=NOON)
    assert elsewhere.text == "Dana Reyes works at Acme Corp, not at Globex — pick a contact of the deal's account"


async def test_contact_shapes_are_checked_and_nothing_is_written(chat):
    for line, message in (('contact add "X" account=Y email=ana@', "'ana@' is not an email address"),
                          ('contact add "X" account=Y phone=12', "'12' is not a phone number"),
                          ('contact add "X"', "the account is missing"),
                          ('contact add "" account=Y', "the contact's name is empty"),
                          ('contact add "X" account=Y colour=red', "'colour=' is not an option")):
        reply = await chat.say(line, at=NOON)
        assert reply.is_error and reply.text.startswith(message), (line, reply.text)
        assert reply.footer.startswith("Usage: contact add"), line
    assert (await chat.say("account list all", at=NOON)).text == "No accounts for Acme-Sales."


async def test_the_contact_form(chat):
    form = await chat.say("contact add account=Acme", at=NOON)
    assert form.form.form_id == "contact_add" and form.form.fields[1].value == "Acme"
    from handlers.context import FormSubmission
    request = chat.request("contact add")
    bad = await chat.processor.submit_async(FormSubmission(
        "contact_add", {"name": "Dana", "account": "Acme", "email": "nope"}, request.sender, request.origin))
    assert bad.form.errors() == {"email": "'nope' is not an email address — try ana@example.com"}
    good = await chat.processor.submit_async(FormSubmission(
        "contact_add", {"name": "Dana", "account": "Acme", "email": "d@acme.example"}, request.sender, request.origin))
    assert good.text == "Contact Dana added at Acme."
