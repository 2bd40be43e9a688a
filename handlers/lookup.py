"""Turning what people typed into records: deal refs, @persons, stages, teams."""
from __future__ import annotations

from handlers.call import Call
from handlers.errors import UserError
from handlers.parsing.tokens import Token
from handlers.parsing.values import parse_choice, parse_deal_ref, parse_person
from handlers.records import Deal, Person, Stage, Team


def find_deal(call: Call, token: Token) -> Deal:
    """The one deal `#12` or a name prefix points at; ambiguity lists the candidates."""
    ref = parse_deal_ref(token.text)
    if ref.number is not None:
        deal = call.ws.deals.by_number(ref.number)
        if deal is None:
            raise UserError(f"there is no deal #{ref.number} — `deal list` shows yours")
        return deal
    matches = call.ws.deals.by_prefix(ref.prefix)
    if not matches:
        raise UserError(f"no deal's name starts with '{token.text}' — `deal list` shows yours")
    if len(matches) > 1:
        listed = ", ".join(f"#{d.number} {d.name}" for d in matches[:6])
        raise UserError(f"'{token.text}' matches several deals: {listed} — use the #number")
    return matches[0]


def find_person(call: Call, token: Token) -> Person:
    """The one person `@ana` names."""
    typed = parse_person(token.text)
    matches = call.ws.people.matching(typed)
    if not matches:
        raise UserError(f"I don't know '@{typed}' yet — they appear once they have used the bot")
    if len(matches) > 1:
        listed = ", ".join(f"@{p.handle}" for p in matches[:6])
        raise UserError(f"'@{typed}' could be {listed} — use the full name")
    return matches[0]


def find_stage(call: Call, text: str) -> Stage:
    """The workspace stage called `text` (an unknown one lists the stages)."""
    stages = {stage.name: stage for stage in call.ws.stages.all()}
    return stages[parse_choice(text, list(stages), "stage")]


def find_team(call: Call, token: Token) -> Team:
    team = call.ws.teams.by_name(token.text)
    if team is None:
        names = ", ".join(t.name for t in call.ws.teams.all()) or "none yet"
        raise UserError(f"there is no team '{token.text}' — teams: {names}")
    return team
