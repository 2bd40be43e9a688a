"""Card buttons, Action.Execute invokes and the deal form: the same handlers, and each press acts once."""
from adapters.teams.card_text import text_runs
from tests.teams.activities import card_submit, execute_invoke, personal_message
from tests.teams.support import button, deals, inputs, words


async def add_deal(teams, text: str = 'deal add "Acme renewal" 12k stage=proposal') -> dict:
    await teams.post(personal_message(text, teams.connector.url))
    return teams.connector.last_card()


async def test_pressing_a_button_runs_its_command(teams):
    card = await add_deal(teams)
    status, _ = await teams.post(card_submit(button(card, "Mark won"), teams.connector.url, "bot-msg-1"))
    assert status == 200
    assert "#1 Acme renewal is won. Well done!" in words(teams.connector.last_card())
    assert [(d.stage, d.status) for d in deals(teams.store)] == [("won", "won")]


async def test_pressing_twice_has_one_effect(teams):
    card = await add_deal(teams)
    advance = button(card, "Advance to negotiation")
    await teams.post(card_submit(advance, teams.connector.url, "bot-msg-1"))
    await teams.post(card_submit(advance, teams.connector.url, "bot-msg-1"))
    replies = [words(c) for c in teams.connector.cards()]
    assert "moved from proposal to negotiation" in replies[1]
    assert "already done" in replies[2]
    assert [d.stage for d in deals(teams.store)] == ["negotiation"]


async def test_execute_invoke_answers_with_the_updated_card(teams):
    card = await add_deal(teams)
    status, body = await teams.post(execute_invoke(button(card, "Mark won"), teams.connector.url))
    assert status == 200
    assert body["statusCode"] == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    assert "is won" in words(body["value"])
    assert [d.status for d in deals(teams.store)] == ["won"]


async def test_repeated_execute_is_answered_without_acting_again(teams):
    card = await add_deal(teams)
    data = button(card, "Mark lost")
    await teams.post(execute_invoke(data, teams.connector.url))
    status, body = await teams.post(execute_invoke(data, teams.connector.url))
    assert status == 200
    assert body["type"] == "application/vnd.microsoft.activity.message" and "already done" in body["value"]


async def test_execute_error_keeps_the_card_and_says_why(teams):
    card = await add_deal(teams)
    await teams.post(execute_invoke(button(card, "Mark won"), teams.connector.url))
    again = {"salesbot": dict(button(card, "Mark won")["salesbot"], card="another-card")}
    _, body = await teams.post(execute_invoke(again, teams.connector.url))
    assert body["type"] == "application/vnd.microsoft.activity.message"
    assert "already in won" in body["value"]


async def test_unknown_execute_data_is_answered_politely(teams):
    status, body = await teams.post(execute_invoke({"something": "else"}, teams.connector.url))
    assert status == 200 and "out of date" in body["value"]


async def test_deal_add_without_arguments_answers_with_a_form(teams):
    card = await add_deal(teams, "deal add")
    fields = inputs(card)
    assert list(fields) == ["name", "amount", "stage", "close", "account", "partner"]
    assert fields["stage"]["type"] == "Input.ChoiceSet"
    assert [c["value"] for c in fields["stage"]["choices"]] == ["lead", "qualified", "proposal", "negotiation"]
    assert fields["close"]["type"] == "Input.Date"
    assert button(card, "Add deal")["salesbot"]["form"] == "deal_add"


async def test_form_with_mistakes_comes_back_with_the_errors_shown(teams):
    form = await add_deal(teams, "deal add")
    value = button(form, "Add deal") | {"name": "", "amount": "lots", "stage": "proposal", "close": "", "account": ""}
    await teams.post(card_submit(value, teams.connector.url, "bot-msg-1"))
    again = teams.connector.last_card()
    text = words(again)
    assert "Deal name: required" in text and "'lots' is not an amount" in text
    assert inputs(again)["amount"]["value"] == "lots" and inputs(again)["stage"]["value"] == "proposal"
    assert deals(teams.store) == []


async def test_submitted_form_creates_the_deal_once(teams):
    form = await add_deal(teams, "deal add")
    value = button(form, "Add deal") | {"name": "Initech", "amount": "8.5k", "stage": "qualified",
                                        "close": "2030-01-31", "account": "Initech Corp", "partner": ""}
    await teams.post(card_submit(value, teams.connector.url, "bot-msg-1"))
    await teams.post(card_submit(value, teams.connector.url, "bot-msg-1"))  # a double click
    texts = [words(c) for c in teams.connector.cards()]
    assert "Deal #1 added: Initech, $8,500, qualified." in texts[1] and "Initech Corp" in texts[1]
    assert "already done" in texts[2]
    assert [(d.name, d.amount_minor, str(d.expected_close)) for d in deals(teams.store)] == [
        ("Initech", 850_000, "2030-01-31")]


async def test_user_text_in_cards_is_plain_text(teams):
    sneaky = '**Big** [win](https://evil.example) <at>Everyone</at>'
    card = await add_deal(teams, f'deal add "{sneaky}" 1k')
    blocks = [e for e in card["body"] if sneaky[:7] in str(e)]
    assert blocks and all(e["type"] == "RichTextBlock" for e in blocks)  # TextRuns never render markdown
    assert "TextBlock" not in {e["type"] for e in card["body"]}
    assert "<at>" not in str(card) and "<\u200bat>Everyone" in words(card)
    assert "msteams" not in card or "entities" not in card["msteams"]


def test_command_hints_are_monospace_runs():
    runs = text_runs("Type `help` to start")
    assert [(r["text"], r.get("fontType")) for r in runs] == [
        ("Type ", None), ("help", "Monospace"), (" to start", None)]


def test_small_charts_travel_inline_and_large_ones_are_replaced_by_a_note():
    from adapters.teams.cards import render_card
    from adapters.teams.icons import outline_icon
    from handlers.reply import Chart, Reply

    small = render_card(Reply(text="Funnel", chart=Chart(outline_icon(), "funnel.png", "Funnel <at>x</at>")))
    [image] = [e for e in small["body"] if e["type"] == "Image"]
    assert image["url"].startswith("data:image/png;base64,") and "<at>" not in image["altText"]
    large = render_card(Reply(text="Funnel", chart=Chart(b"\x89PNG" + bytes(30_000), "big.png", "Big")))
    assert "Image" not in {e["type"] for e in large["body"]} and "too large" in words(large)


async def test_a_retried_invoke_is_answered_not_failed(teams):
    card = await add_deal(teams)
    invoke = execute_invoke(button(card, "Mark won"), teams.connector.url)
    first = await teams.post(invoke)
    status, body = await teams.post(invoke)  # Teams resends the very same activity
    assert first[0] == status == 200 and "already done" in body["value"]
    assert [d.status for d in deals(teams.store)] == ["won"]
