"""The tasks command table, and the exchange-rate commands that sit beside it in `help`."""
from __future__ import annotations

from handlers import fx
from handlers.registry import CommandSpec
from handlers.tasks import add, manage

TASK_COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("task add", add.add_task, 'task add "<what>" [#12|account] due=<date>[ <HH:MM>] [for=@person]',
                "A follow-up with a reminder at the due time (managers: for their team)",
                'task add "Send the proposal" #12 due=fri 15:00'),
    CommandSpec("task list", manage.list_tasks, "task list [mine|team|@person|overdue]",
                "Open tasks, soonest first", "task list overdue"),
    CommandSpec("task done", manage.finish_task, "task done <id>", "Mark a task done", "task done 7"),
    CommandSpec("task snooze", manage.snooze_task, "task snooze <id> <when>",
                "Move a task's due time (1d, 2h, tomorrow, mon 09:00)", "task snooze 7 1d"),
    CommandSpec("fx set", fx.set_rate, "fx set <ISO code> <rate>",
                "The rate of a currency to the base currency (admins)", "fx set EUR 1.08"),
    CommandSpec("fx list", fx.list_rates, "fx list", "Exchange rates totals convert with", "fx list"),
)
