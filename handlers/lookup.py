"""Turning what people typed into records: deal refs, @persons, stages, teams."""
from __future__ import annotations

from handlers.i18n import _
from handlers.call import Call
from handlers.errors import UserError
from handlers.parsing.tokens import Token, show_token
from handlers.parsing.values import parse_choice, parse_deal_ref, parse_person
from handlers import crm_wording as say
from handlers.records import Account, Activity, Contact, Deal, Person, Stage, Team


def find_deal(call: Call, token: Token) -> Deal:
    """The one deal `#12` or a name prefix points at; ambiguity lists the candidates."""
    ref = parse_deal_ref(token.text)
    if ref.number is not None:
        deal = call.ws.deals.by_number(ref.number)
        if deal is None and call.ws.deals.by_number(ref.number, deleted=True) is not None:
            raise UserError(_("#{number} is deleted — `deal restore #{number}` brings it back").format(
                number=ref.number))
        if deal is None:
            raise UserError(_("there is no deal #{number} — `deal list` shows yours").format(number=ref.number))
        return deal
    matches = call.ws.deals.by_prefix(ref.prefix)
    if not matches:
        raise UserError(_("no deal's name starts with '{text}' — `deal list` shows yours").format(text=token.text))
    if len(matches) > 1:
        listed = ", ".join(f"#{d.number} {d.name}" for d in matches[:6])
        raise UserError(_("'{text}' matches several deals: {listed} — use the #number").format(text=token.text,
                                                                                              listed=listed))
    return matches[0]


def find_person(call: Call, token: Token) -> Person:
    """The one person `@ana` names."""
    typed = parse_person(token.text)
    matches = call.ws.people.matching(typed)
    if not matches:
        raise UserError(_("I don't know '@{typed}' yet — they appear once they have used the bot").format(typed=typed))
    if len(matches) > 1:
        listed = ", ".join(f"@{p.handle}" for p in matches[:6])
        raise UserError(_("'@{typed}' could be {listed} — use the full name").format(typed=typed, listed=listed))
    return matches[0]


def find_stage(call: Call, text: str) -> Stage:
    """The workspace stage called `text` (an unknown one lists the stages)."""
    stages = {stage.name: stage for stage in call.ws.stages.all()}
    return stages[parse_choice(text, list(stages), "stage")]


def find_team(call: Call, token: Token) -> Team:
    team = call.ws.teams.by_name(token.text)
    if team is None:
        names = ", ".join(t.name for t in call.ws.teams.all()) or _("none yet")
        raise UserError(_("there is no team '{text}' — teams: {names}").format(text=token.text, names=names))
    return team


def find_deleted_deal(call: Call, token: Token) -> Deal:
    """A deal in the bin, by its #number (names of deleted deals are not looked up)."""
    ref = parse_deal_ref(token.text)
    if ref.number is None:
        raise UserError(_("{token} is not a deal number — deleted deals go by #number, as `deal list deleted` shows "
                          "them").format(token=show_token(token.text)))
    deal = call.ws.deals.by_number(ref.number, deleted=True)
    if deal is None:
        if call.ws.deals.by_number(ref.number) is not None:
            raise UserError(say.NOT_DELETED.format(number=ref.number))
        raise UserError(say.NO_DELETED_DEAL.format(number=ref.number))
    return deal


def find_account(call: Call, text: str) -> Account:
    """The account called `text`, else the one whose name starts with it."""
    name = " ".join(text.split())
    account = call.ws.accounts.by_name(name) if name else None
    if account is not None:
        return account
    matches = call.ws.accounts.by_prefix(name) if name else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = ", ".join(a.name for a in matches[:6])
        raise UserError(say.MANY_ACCOUNTS.format(name=name, names=listed))
    raise UserError(say.NO_ACCOUNT.format(name=name))


def find_contact(call: Call, text: str) -> Contact:
    """The contact called `text`, else the one whose name starts with it."""
    name = " ".join(text.split())
    matches = call.ws.contacts.by_prefix(name) if name else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = ", ".join(f"{c.name} ({call.ws.accounts.get(c.account_id).name})" for c in matches[:6])
        raise UserError(say.MANY_CONTACTS.format(name=name, names=listed))
    raise UserError(say.NO_CONTACT.format(name=name))


def find_activity(call: Call, token: Token, deleted: bool = False) -> Activity:
    """The activity with the id `activity list` shows (`12` or `a12`)."""
    typed = token.text.strip().lstrip("#")
    if not typed.isdigit() or len(typed) > 9:
        raise UserError(say.NOT_ACTIVITY_ID.format(token=show_token(token.text)))
    activity = call.ws.activities.get(int(typed), deleted=deleted)
    if activity is None:
        raise UserError(say.NO_ACTIVITY.format(token=show_token(token.text)))
    return activity
