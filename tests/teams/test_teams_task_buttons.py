"""A task's card in Teams: Done and Snooze 1 day are card actions that run through the usual action handling."""
from sqlmodel import Session, select

from storage.task_models import Task
from tests.teams.activities import card_submit, personal_message
from tests.teams.support import button, words


async def test_task_card_buttons_snooze_and_finish_the_task(teams):
    await teams.post(personal_message('deal add "Acme renewal" 12k', teams.connector.url))
    await teams.post(personal_message('task add "Send the proposal" #1 due=tomorrow 15:00', teams.connector.url))
    card = teams.connector.last_card()
    assert "Send the proposal" in words(card)
    await teams.post(card_submit(button(card, "Snooze 1 day"), teams.connector.url, "bot-msg-1"))
    assert "snoozed" in words(teams.connector.last_card())
    await teams.post(card_submit(button(card, "Done"), teams.connector.url, "bot-msg-2"))
    assert "Done: task 1, Send the proposal." in words(teams.connector.last_card())
    with Session(teams.store.engine) as session:
        assert [t.status for t in session.exec(select(Task))] == ["done"]
