"""Who may change what: reps their own, managers their team's, admins everything."""
from __future__ import annotations

from handlers.call import Call
from handlers.errors import PermissionDenied
from handlers.records import Deal, Person, Team


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
