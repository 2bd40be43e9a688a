"""Who may change and read what: reps their own, managers their team's, admins everything; reads also
follow the workspace's visibility setting."""
from __future__ import annotations

from handlers.call import Call
from handlers.errors import PermissionDenied
from handlers.records import Deal, FeedbackRound, Person, Schedule, Team


def is_admin(person: Person) -> bool:
    return person.role == "admin"


def managed_ids(call: Call, manager: Person) -> set[int]:
    """Everyone in the teams `manager` manages."""
    return call.ws.teams.member_ids(call.ws.teams.managed_by(manager))


def may_act_for(call: Call, person_id: int) -> bool:
    """True when the sender may change things owned by `person_id`."""
    me = call.me
    if is_admin(me) or me.id == person_id:
        return True
    return me.role == "manager" and person_id in managed_ids(call, me)


def require_deal_access(call: Call, deal: Deal) -> None:
    if not may_act_for(call, deal.owner_id):
        owner = call.ws.people.get(deal.owner_id)
        raise PermissionDenied(f"#{deal.number} belongs to {owner.display_name} — only they, "
                               "their manager or an admin can change it")


def require_admin(call: Call, what: str) -> None:
    if not is_admin(call.me):
        raise PermissionDenied(f"only an admin can {what}")


def require_team_manager(call: Call, team: Team, what: str) -> None:
    if not (is_admin(call.me) or team.manager_id == call.me.id):
        raise PermissionDenied(f"only the manager of {team.name} or an admin can {what}")


# --- Who may read what: the workspace's `visibility` (settings visibility open|team|own) ---

VISIBILITIES = ("open", "team", "own")
NUMBERS, DEALS = "numbers", "deals"  # totals and rankings of people, or the deals themselves
_REFUSED = {
    "team": "you can see your team's numbers and your own deals",
    "own": "you can see your own numbers and deals",
}


def readable_owner_ids(call: Call, reading: str = NUMBERS) -> set[int] | None:
    """Whose numbers (or deals) the sender may read; None means everyone's.

    Admins, and everyone in an `open` workspace, read everything; managers their teams' and their own;
    reps their own, plus their teams' numbers when visibility is `team` (the default).
    """
    me, visibility = call.me, call.workspace.visibility or "team"
    if is_admin(me) or visibility == "open":
        return None
    if me.role == "manager":
        return managed_ids(call, me) | {me.id}
    if visibility == "team" and reading == NUMBERS:
        return call.ws.teams.member_ids(call.ws.teams.teams_of(me)) | {me.id}
    return {me.id}


def may_read(call: Call, owner_ids: frozenset[int] | set[int] | None, reading: str = NUMBERS) -> bool:
    """True when the sender may read the numbers (or deals) of all of `owner_ids` (None: the workspace)."""
    allowed = readable_owner_ids(call, reading)
    return allowed is None or (owner_ids is not None and set(owner_ids) <= allowed)


def require_read(call: Call, owner_ids: frozenset[int] | set[int] | None, reading: str = NUMBERS) -> None:
    if not may_read(call, owner_ids, reading):
        raise PermissionDenied(_refusal(call))


def require_deal_read(call: Call, deal: Deal) -> None:
    if not may_read(call, {deal.owner_id}, DEALS):
        raise PermissionDenied(f"#{deal.number} is not yours to see — {_refusal(call)}")


def _refusal(call: Call) -> str:
    if call.me.role == "manager":
        return "you can see your team's numbers and deals and your own (an admin sees everything)"
    return _REFUSED.get(call.workspace.visibility, _REFUSED["team"]) + \
        " (`settings visibility`, set by an admin, decides)"


def require_may_answer(call: Call, prompt: Schedule, round_: FeedbackRound) -> None:
    """A question goes to someone: a deal's owner (win/loss), a team's members but the asker (by DM), or a
    channel (anyone)."""
    if round_.recipient_id is not None:
        allowed = round_.recipient_id == call.me.id
    elif prompt.target == "team" and prompt.team_id is not None:
        team = call.ws.teams.get(prompt.team_id)
        allowed = bool(team) and call.me.id in call.ws.teams.member_ids([team]) - {prompt.owner_id}
    else:
        allowed = True
    if not allowed:
        raise PermissionDenied("that question was not asked of you")
def may_hand_over(call: Call, from_id: int, to_id: int) -> bool:
    """Moving deals between people: an admin, or a manager who manages both (or is one of them)."""
    if call.me.role not in ("manager", "admin"):
        return False
    return may_act_for(call, from_id) and may_act_for(call, to_id)


def require_activity_access(call: Call, activity) -> None:
    if not may_act_for(call, activity.person_id):
        owner = call.ws.people.get(activity.person_id)
        raise PermissionDenied(f"activity {activity.id} was logged by {owner.display_name} — only they, "
                               "their manager or an admin can change it")
