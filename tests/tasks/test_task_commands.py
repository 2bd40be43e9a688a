"""`task add|list|done|snooze` and `log ... next= due=`: who may do what, due times in the assignee's zone,
and bad input refused whole."""
from __future__ import annotations

from tests.schedules.support import utc
from tests.support.chat import reply_text
from tests.tasks.support import MONDAY, open_tasks, org


async def test_a_rep_adds_a_task_on_their_deal_and_sees_it_in_their_zone(chat, store):
    await org(chat)
    bob = chat.as_("bob", timezone="Europe/Lisbon")
    await bob.say('deal add "Acme renewal" 12k', at=MONDAY)
    added = await bob.say('task add "Send the proposal" #1 due=wed 15:00', at=MONDAY)
    assert not added.is_error, added.text
    assert "Send the proposal — due Wed 4 Nov 15:00, on #1 Acme renewal" in added.text
    assert [a.label for a in added.actions] == ["Done", "Snooze 1 day", "Open the deal"]
    listing = reply_text(await bob.say("task list", at=MONDAY))
    assert "Send the proposal" in listing and "Wed 4 Nov 15:00" in listing and "#1 Acme renewal" in listing
    with store.workspace("console", "acme-sales") as ws:
        (task,) = ws.tasks.open_for(None)
        assert task.due_at == utc("2026-11-04 15:00")  # Lisbon is on UTC in November


async def test_a_due_date_without_a_time_is_overdue_only_after_that_day(chat):
    await org(chat)
    eve = chat.as_("eve", timezone="UTC")
    await eve.say('task add "Chase the order" due=tomorrow', at=MONDAY)
    assert "No overdue" in (await eve.say("task list overdue", at=utc("2026-11-03 23:00"))).text
    late = reply_text(await eve.say("task list overdue", at=utc("2026-11-04 00:01")))
    assert "Chase the order" in late and "(overdue)" in late


async def test_a_rep_may_not_add_tasks_for_someone_else_and_nothing_is_written(chat, store):
    await org(chat)
    refused = await chat.as_("bob").say('task add "Call them" due=fri for=@dan', at=MONDAY)
    assert refused.is_error and "Dan" in refused.text
    assert open_tasks(store) == []


async def test_a_manager_adds_a_task_for_their_rep_but_not_for_others(chat, store):
    await org(chat)
    carla = chat.as_("carla")
    added = await carla.say('task add "Review the Acme terms" due=fri for=@dan', at=MONDAY)
    assert not added.is_error and "for Dan" in added.text
    assert (await carla.say('task add "Call" due=fri for=@eve', at=MONDAY)).is_error
    assert [(title, who) for _, title, who in open_tasks(store)] == [("Review the Acme terms", "dan")]
    team = reply_text(await carla.say("task list team", at=MONDAY))
    assert "Review the Acme terms" in team and "Dan" in team
    assert (await chat.as_("bob").say("task list team", at=MONDAY)).is_error
    assert (await chat.as_("bob").say("task list @dan", at=MONDAY)).is_error
    assert "Review the Acme terms" in reply_text(await carla.say("task list @dan", at=MONDAY))


async def test_done_and_snooze_by_the_assignee_only(chat, store):
    await org(chat)
    eve = chat.as_("eve", timezone="UTC")
    await eve.say('task add "Send deck" due=2026-11-05 10:00', at=MONDAY)
    (task_id, _, _), = open_tasks(store)
    assert (await chat.as_("bob").say(f"task done {task_id}", at=MONDAY)).is_error
    snoozed = await eve.say(f"task snooze {task_id} 1d", at=MONDAY)
    assert "now due Fri 6 Nov 10:00" in snoozed.text  # a day after the due time, not after now
    moved = await eve.say(f"task snooze {task_id} mon 09:30", at=MONDAY)
    assert "now due Mon 9 Nov 09:30" in moved.text
    assert "Done: task" in (await eve.say(f"task done {task_id}", at=MONDAY)).text
    again = await eve.say(f"task done {task_id}", at=MONDAY)
    assert again.is_error and "done already" in again.text
    assert open_tasks(store) == []


async def test_bad_task_input_names_the_token_and_writes_nothing(chat, store):
    await org(chat)
    eve = chat.as_("eve", timezone="UTC")
    cases = {
        'task add "Call" due=someday': "'someday' is not a date",
        'task add "Call" due=yesterday': "is in the past",
        'task add "Call" due=2026-11-02 09:00': "is in the past",
        'task add "Call"': "the due date is missing",
        'task add "Call" #99 due=fri': "there is no deal #99",
        'task add "Call" due=fri when=now': "'when=' is not an option",
        'task add "" due=fri': "what to do is missing",
        "task done abc": "'abc' is not a task number",
        "task done 999": "there is no task 999",
        "task list everyone": "'everyone' is not",
    }
    for line, expected in cases.items():
        reply = await eve.say(line, at=MONDAY)
        assert reply.is_error and expected in reply.text, (line, reply.text)
        assert reply.footer and reply.footer.startswith("Usage: task"), line
    assert open_tasks(store) == []


async def test_log_with_next_creates_the_follow_up_on_the_same_deal(chat, store):
    await org(chat)
    bob = chat.as_("bob", timezone="Europe/Lisbon")
    await bob.say('deal add "Acme renewal" 12k', at=MONDAY)
    logged = await bob.say('log call #1 "pricing agreed" next="Send the contract" due=thu', at=MONDAY)
    assert not logged.is_error, logged.text
    assert "Logged a call on #1 Acme renewal" in logged.text and "Send the contract — due Thu 5 Nov" in logged.text
    listing = reply_text(await bob.say("task list", at=MONDAY))
    assert "Send the contract" in listing and "#1 Acme renewal" in listing


async def test_log_with_a_bad_follow_up_logs_nothing(chat, store):
    await org(chat)
    bob = chat.as_("bob")
    await bob.say('deal add "Acme renewal" 12k', at=MONDAY)
    for line in ('log call #1 "x" next="Send" due=someday', 'log call #1 "x" next="Send"',
                 'log call #1 "x" due=fri'):
        assert (await bob.say(line, at=MONDAY)).is_error, line
    with store.workspace("console", "acme-sales") as ws:
        assert ws.activities.for_deal(ws.deals.by_number(1)) == []
    assert open_tasks(store) == []


async def test_an_overdue_follow_up_puts_the_deal_in_risks(chat):
    await org(chat)
    bob = chat.as_("bob", timezone="Europe/Lisbon")
    await bob.say('deal add "Acme renewal" 12k', at=MONDAY)
    await bob.say('log call #1 "ok" next="Send the contract" due=2026-11-03 12:00', at=MONDAY)
    assert "Acme renewal" not in reply_text(await bob.say("risks", at=utc("2026-11-03 11:00")))
    risky = reply_text(await bob.say("risks", at=utc("2026-11-03 13:00")))
    assert "#1" in risky and "follow-up overdue since Tue 3 Nov" in risky
    await bob.say("task done 1", at=utc("2026-11-03 14:00"))
    assert "Acme renewal" not in reply_text(await bob.say("risks", at=utc("2026-11-03 15:00")))


async def test_tasks_of_another_workspace_are_invisible(chat):
    await org(chat)
    await chat.as_("eve").say('task add "Secret" due=fri', at=MONDAY)
    other = chat.in_("globex").as_("zed")
    await other.say("whoami", at=MONDAY)
    reply = await other.say("task done 1", at=MONDAY)
    assert reply.is_error and "there is no task 1" in reply.text
