"""Every sentence the tasks area says, kept together for review and translation."""
from __future__ import annotations

from handlers.i18n import L_, ngettext

ADDED = L_("Task {id} added{whom}: {title} — due {due}{on}.")
FOR_WHOM = L_(" for {name}")
ON = L_(", on {target}")
DONE = L_("Done: task {id}, {title}.")
ALREADY_DONE = L_("task {id} is done already")
SNOOZED = L_("Task {id} snoozed: {title} — now due {due}.")
NO_TASK = L_("there is no task {id} — `task list` shows yours")
NOT_TASK_ID = L_("'{token}' is not a task number — `task list` shows them, like 12")
TITLE_MISSING = L_('what to do is missing — put it in quotes, like "Send the proposal"')
TITLE_TOO_LONG = L_("the task is longer than {limit} characters")
DUE_MISSING = L_("the due date is missing — add due=fri, due=tomorrow or due=2026-12-15 15:00")
DUE_PAST = L_("'{token}' is in the past — pick a later time")
NOT_WHEN = L_("'{token}' is not a time to snooze to — try 1d, 2h, tomorrow or mon 09:00")
ONLY_SELF = L_("a rep adds tasks for themselves — {name}'s manager or an admin can add one for them")
NOT_YOURS = L_("task {id} is {name}'s — only they, their manager or an admin can change it")
NOT_YOUR_TEAM = L_("you can see {name}'s tasks only as their manager or an admin")
TEAM_MANAGERS = L_("only managers and admins see a team's tasks — `task list` shows yours")
NOT_LIST_WORD = L_("'{token}' is not mine, team, overdue or @person")
NO_TASKS = L_("No open tasks for {whose}.")
NO_OVERDUE = L_("No overdue tasks for {whose}.")
LISTED = L_("{count} open {tasks} for {whose}.")
LISTED_OVERDUE = L_("{count} overdue {tasks} for {whose}.")
HEADERS = (L_("Task"), L_("What"), L_("Due"), L_("On"), L_("For"))
OVERDUE_DUE = L_("{due} (overdue)")
REMINDER_TITLE = L_("Follow-up due")
REMINDER = L_("Reminder: {title} — due {due}{on}.")
DONE_BUTTON = L_("Done")
SNOOZE_BUTTON = L_("Snooze 1 day")
OPEN_DEAL_BUTTON = L_("Open the deal")
OVERDUE_LABEL = L_("Overdue follow-ups")
OVERDUE_MINE = L_("task {id} {title} (since {since})")
LOG_FOLLOW_UP = L_(" Follow-up: task {id}, {title} — due {due}.")
NEXT_WITHOUT_DUE = L_("next= needs due= too, like next=\"Send pricing\" due=fri")
DUE_WITHOUT_NEXT = L_("due= needs next= too: say what to do, like next=\"Send pricing\" due=fri")


TASKS_TITLE = L_("Tasks")
TASK_FACT = L_("Task")
DEAL_FACT = L_("Deal")
YOU = L_("you")
YOUR_TEAM = L_("your team")
EVERYONE = L_("everyone")


def tasks_word(count: int) -> str:
    return ngettext("task", "tasks", count)
