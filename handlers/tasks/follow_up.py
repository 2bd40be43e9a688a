"""`log <kind> <ref> "<notes>" next="<what>" due=<when>`: the follow-up task an activity leaves behind."""
from __future__ import annotations

from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from handlers.call import Call
from handlers.errors import UserError
from handlers.lookup import find_deal
from handlers.parsing.tokens import Token
from handlers.reply import Reply
from handlers.tasks import wording
from handlers.tasks.add import create_task, task_actions, task_title
from handlers.tasks.due import describe_due, parse_due
from handlers.zones import person_zone_name


@dataclass(frozen=True)
class FollowUp:
    title: str
    due: str


def read_follow_up(call: Call) -> FollowUp | None:
    """next= and due= together, checked before anything is written (the whole command is refused otherwise)."""
    what, due = call.option("next"), call.option("due")
    if what is None and due is None:
        return None
    if not due:
        raise UserError(wording.NEXT_WITHOUT_DUE, call.usage)
    if what is None:
        raise UserError(wording.DUE_WITHOUT_NEXT, call.usage)
    parse_due(due, ZoneInfo(person_zone_name(call.ws, call.me)), call.now)
    return FollowUp(task_title(what), due)


def with_follow_up(call: Call, reply: Reply, target: Token, follow_up: FollowUp) -> Reply:
    """Create the sender's follow-up on the same deal or account the activity was logged on."""
    account = call.ws.accounts.by_name(target.text) if not target.text.startswith("#") else None
    deal = find_deal(call, target) if account is None else None
    task = create_task(call, follow_up.title, call.me, follow_up.due, deal, account)
    due = describe_due(task.due_at, task.has_time, ZoneInfo(person_zone_name(call.ws, call.me)))
    text = reply.text + wording.LOG_FOLLOW_UP.format(id=task.id, title=task.title, due=due)
    return replace(reply, text=text, actions=reply.actions + task_actions(task, deal))
