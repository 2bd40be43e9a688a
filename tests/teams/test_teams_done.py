"""The issue's "done" check: a personal `deal add` creates the deal and the bot posts a card naming it."""
from sqlmodel import Session, select

from adapters.teams.cards import card_texts
from storage.models import Deal, Workspace
from tests.teams.activities import TENANT, personal_message


async def test_personal_deal_add_posts_card_and_stores_deal(teams):
    activity = personal_message('deal add "Acme renewal" 12k stage=proposal', teams.connector.url)
    status, _ = await teams.post(activity)
    assert status == 200
    [sent] = teams.connector.posts()
    assert sent.conversation_id == activity["conversation"]["id"]
    assert sent.reply_to_id == activity["id"]
    words = " ".join(card_texts(sent.cards[0]))
    assert "Deal #1 added: Acme renewal, $12,000, proposal." in words
    with Session(teams.store.engine) as session:
        deal = session.exec(select(Deal)).one()
        workspace = session.get(Workspace, deal.workspace_id)
    assert (deal.name, deal.amount_minor, deal.stage) == ("Acme renewal", 1_200_000, "proposal")
    assert (workspace.platform, workspace.external_id) == ("teams", TENANT)
