"""The everyday CRM on Teams: the More button on a card pages a list, the contact card form, undo."""
from tests.crm.seeding import seed_deals
from tests.teams.activities import card_submit, personal_message
from tests.teams.support import button, inputs, words


async def say(teams, text: str) -> dict:
    await teams.post(personal_message(text, teams.connector.url))
    return teams.connector.last_card()


async def test_the_more_button_on_a_card_shows_the_next_page(teams):
    await say(teams, "whoami")
    seed_deals(teams.store, "teams", 51)
    first = await say(teams, "deal list all")
    assert "51 open deals" in words(first) and "showing 1–50 of 51" in words(first)
    await teams.post(card_submit(button(first, "More"), teams.connector.url, "bot-msg-1"))
    second = teams.connector.last_card()
    assert "showing 51–51 of 51" in words(second) and "Deal 01" in words(second)
    assert all(a["title"] != "More" for a in second.get("actions", []))


async def test_the_contact_card_form_checks_every_field(teams):
    form = await say(teams, "contact add")
    assert list(inputs(form)) == ["name", "account", "title", "email", "phone"]
    value = button(form, "Add contact") | {"name": "Dana Reyes", "account": "Acme Corp", "phone": "12"}
    await teams.post(card_submit(value, teams.connector.url, "bot-msg-1"))
    assert "'12' is not a phone number" in words(teams.connector.last_card())
    value = value | {"phone": "+1 555 010 2030"}
    await teams.post(card_submit(value, teams.connector.url, "bot-msg-2"))
    assert "Contact Dana Reyes added at Acme Corp." in words(teams.connector.last_card())


async def test_undo_on_teams_says_what_it_undid(teams):
    await say(teams, 'deal add "Oops" 5k')
    undone = await say(teams, "undo")
    assert "Undone: #1 Oops added" in words(undone)
    assert "No open deals" in words(await say(teams, "deal list mine"))
