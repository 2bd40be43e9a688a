"""Who may change and read what: reps their own, managers their team's, admins everything; reads also
follow the workspace's visibility setting."""
from __future__ import annotations

from handlers.i18n import L_, N_, _
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
        raise PermissionDenied(_("#{number} belongs to {owner} — only they, their manager or an admin can change "
                                 "it").format(number=deal.number, owner=owner.display_name))


def require_admin(call: Call, what: str) -> None:
    if not is_admin(call.me):
        raise PermissionDenied(_("only an admin can {what}").format(what=_(what)))


def require_team_manager(call: Call, team: Team, what: str) -> None:
    if not (is_admin(call.me) or team.manager_id == call.me.id):
        raise PermissionDenied(_("only the manager of {team} or an admin can {what}").format(team=team.name,
                                                                                            what=_(what)))


# --- Who may read what: the workspace's `visibility` (settings visibility open|team|own) ---

VISIBILITIES = ("open", "team", "own")
NUMBERS, DEALS = "numbers", "deals"  # totals and rankings of people, or the deals themselves
_REFUSED = {
    "team": L_("you can see your team's numbers and your own deals"),
    "own": L_("you can see your own numbers and deals"),
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
        raise PermissionDenied(_("#{number} is not yours to see — {why}").format(number=deal.number,
                                                                                 why=_refusal(call)))


def _refusal(call: Call) -> str:
    if call.me.role == "manager":
        return _("you can see your team's numbers and deals and your own (an admin sees everything)")
    return _("{refusal} (`settings visibility`, set by an admin, decides)").format(
        refusal=_REFUSED.get(call.workspace.visibility, _REFUSED["team"]))


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
        raise PermissionDenied(_("that question was not asked of you"))
def may_hand_over(call: Call, from_id: int, to_id: int) -> bool:
    """Moving deals between people: an admin, or a manager who manages both (or is one of them)."""
    if call.me.role not in ("manager", "admin"):
        return False
    return may_act_for(call, from_id) and may_act_for(call, to_id)


def require_activity_access(call: Call, activity) -> None:
    if not may_act_for(call, activity.person_id):
        owner = call.ws.people.get(activity.person_id)
        raise PermissionDenied(_("activity {id} was logged by {owner} — only they, their manager or an admin can "
                                 "change it").format(id=activity.id, owner=owner.display_name))


# What `require_admin` / `require_team_manager` callers say they refuse (`only an admin can change roles`): the
# phrases are translated in the refusal, so each is in the catalog, wherever its command lives.
REFUSED_ACTS = (
    N_("add people to it"), N_("choose a team's manager"), N_("set its channel"), N_("change roles"),
    N_("change the workspace currency"), N_("change the big-deal threshold"), N_("change the at-risk rule"),
    N_("change who sees what"), N_("change the stages"), N_("change nudges"), N_("turn digest charts on or off"),
    N_("set exchange rates"), N_("change the forecast map"), N_("change the forecast period"),
)
