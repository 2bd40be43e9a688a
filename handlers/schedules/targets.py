"""Where a schedule posts: this channel, the sender's DMs, or their team."""
from __future__ import annotations

from handlers.call import Call
from handlers.errors import UserError
from handlers.i18n import _
from handlers.records import Person, Team


def sender_team(call: Call) -> Team | None:
    """The first team the sender manages, else the first team they are in."""
    teams = call.ws.teams.managed_by(call.me) or call.ws.teams.teams_of(call.me)
    return teams[0] if teams else None


def here_channel(call: Call) -> str:
    channel = call.request.origin.channel_id
    if not channel:
        raise UserError(_("run this inside the channel it should post to, or choose another target"))
    return channel


def require_team(call: Call, what: str) -> Team:
    team = sender_team(call)
    if team is None:
        raise UserError(_("you are not in a team, so there is no team to {what} — use `here` instead").format(
            what=what))
    return team
