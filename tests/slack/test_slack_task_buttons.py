"""A task's buttons in Slack: pressing Done on the card runs `task done` as the presser, once."""
from sqlmodel import Session, select

from storage.task_models import Task
from tests.slack.test_slack_interactivity import button_press


async def test_pressing_done_finishes_the_task(bot, fake_slack):
    await bot.slack.command('deal add "Acme" 5k')
    await bot.slack.command('task add "Send the proposal" #1 due=tomorrow 15:00')
    response = await bot.slack.interaction(button_press(bot, "task done 1"))
    assert response.status == 200
    await bot.settle()
    (answer,) = fake_slack.called("response_url")
    assert "Done: task 1, Send the proposal." in answer.args["text"]
    with Session(bot.store.engine) as session:
        assert [t.status for t in session.exec(select(Task))] == ["done"]
