"""The win/loss question: when a deal is won or lost, its owner is asked why (buttons, one click)."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from handlers.call import Call
from handlers.records import Deal
from handlers.reply import Reply
from handlers.schedules import wording
from handlers.schedules.feedback_view import prompt_reply

OPEN_FOR = timedelta(days=7)


def question(deal: Deal, outcome: str) -> str:
    template = wording.WINLOSS_WON if outcome == "won" else wording.WINLOSS_LOST
    return template.format(number=deal.number, name=deal.name)


def follow_up(call: Call, deal: Deal, outcome: str, reply: Reply) -> Reply:
    """Add the question to the reply when the owner closed the deal; otherwise DM it to the owner."""
    prompt = call.ws.schedules.template("winloss") if outcome in ("won", "lost") else None
    if prompt is None:
        return reply
    round_ = call.ws.feedback.open_round(prompt.id, f"deal:{deal.id}:{outcome}", call.now, call.now + OPEN_FOR,
                                         deal_id=deal.id, recipient_id=deal.owner_id)
    if deal.owner_id != call.me.id:
        call.ws.schedules.post_later(deal.owner_id, "winloss", round_.id, call.now)
        return reply
    asked = prompt_reply(prompt, round_, question(deal, outcome))
    return replace(reply, actions=asked.actions, footer=asked.text)


def compose_question(ws, round_id: int) -> Reply | None:
    round_ = ws.feedback.round(round_id)
    prompt = ws.schedules.get("feedback", round_.schedule_id) if round_ else None
    deal = ws.deals.by_id(round_.deal_id) if round_ and round_.deal_id else None
    if prompt is None or deal is None or round_.closed_at is not None:
        return None
    if ws.feedback.has_answered(round_, round_.recipient_id):
        return None
    return prompt_reply(prompt, round_, question(deal, deal.status))
