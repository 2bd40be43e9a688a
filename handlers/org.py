"""Teams and roles: `team create|add|manager|channel`, `role`, `whoami`."""
from __future__ import annotations

from handlers.i18n import N_, _, pgettext
from handlers.call import Call
from handlers.deal_inputs import parse_name
from handlers.errors import PermissionDenied, UserError
from handlers.lookup import find_person, find_team
from handlers.permissions import is_admin, require_admin, require_team_manager
from handlers.reply import Fact, Reply
from handlers.zones import zone_choice

ROLES = ("rep", "manager", "admin")


def create_team(call: Call) -> Reply:
    """`team create "<name>"` (managers and admins); a manager creating a team manages it."""
    call.reject_unknown_options(())
    name = parse_name(call.arg(0, _("the team's name")).text, "team name")
    call.reject_extra_args(1)
    if call.me.role == "rep":
        raise PermissionDenied(_("only a manager or an admin can create a team"))
    if call.ws.teams.by_name(name):
        raise UserError(_("there is already a team called '{name}'").format(name=name))
    team = call.ws.teams.create(name)
    if call.me.role == "manager":
        call.ws.teams.set_manager(team, call.me)
    call.ws.audit.record(call.me.id, "team.create", "team", team.id, call.now, name=name)
    return Reply(text=_("Team {name} created. Add people with `team add \"{name}\" @name`.").format(name=team.name))


def add_members(call: Call) -> Reply:
    """`team add <team> @person...`."""
    call.reject_unknown_options(())
    team = find_team(call, call.arg(0, _("the team")))
    if len(call.args) < 2:
        raise UserError(_("name at least one person, like @ana"), call.usage)
    require_team_manager(call, team, N_("add people to it"))
    people = [find_person(call, token) for token in call.args[1:]]
    added = [p.display_name for p in people if call.ws.teams.add_member(team, p)]
    call.ws.audit.record(call.me.id, "team.add", "team", team.id, call.now, added=added)
    already = len(people) - len(added)
    tail = _(" ({count} already in it)").format(count=already) if already else ""
    names = ", ".join(added) or _("nobody new")
    return Reply(text=_("{team}: added {names}{tail}.").format(team=team.name, names=names, tail=tail))


def set_manager(call: Call) -> Reply:
    """`team manager <team> @person` (admins); the person becomes a manager if they were a rep."""
    call.reject_unknown_options(())
    team = find_team(call, call.arg(0, _("the team")))
    person = find_person(call, call.arg(1, _("the manager (@name)")))
    call.reject_extra_args(2)
    require_admin(call, N_("choose a team's manager"))
    call.ws.teams.set_manager(team, person)
    if person.role == "rep":
        call.ws.people.set_role(person, "manager")
    call.ws.audit.record(call.me.id, "team.manager", "team", team.id, call.now, manager=person.id)
    return Reply(text=_("{person} now manages {team}.").format(person=person.display_name, team=team.name))


def set_channel(call: Call) -> Reply:
    """`team channel <team> here|off`: where wins, losses and big deals are announced."""
    call.reject_unknown_options(())
    team = find_team(call, call.arg(0, _("the team")))
    word = call.arg(1, _("here or off")).text.casefold()
    call.reject_extra_args(2)
    require_team_manager(call, team, N_("set its channel"))
    if word not in ("here", "off"):
        raise UserError(_("'{word}' is not here or off").format(word=word), call.usage)
    channel = call.request.origin.channel_id if word == "here" else None
    if word == "here" and not channel:
        raise UserError(_("run this inside the channel the team should hear from"))
    call.ws.teams.set_home_channel(team, channel)
    if channel:
        return Reply(text=_("{team} announcements will appear in this channel.").format(team=team.name))
    return Reply(text=_("{team} announcements are off.").format(team=team.name))


def set_role(call: Call) -> Reply:
    """`role @person rep|manager|admin` (admins)."""
    call.reject_unknown_options(())
    person = find_person(call, call.arg(0, _("the person (@name)")))
    role = call.arg(1, _("the role")).text.casefold()
    call.reject_extra_args(2)
    require_admin(call, N_("change roles"))
    if role not in ROLES:
        raise UserError(_("'{role}' is not a role — try rep, manager or admin").format(role=role), call.usage)
    if person.id == call.me.id and role != "admin" and _admin_count(call) == 1:
        raise UserError(_("you are the only admin — make someone else admin first"))
    call.ws.people.set_role(person, role)
    call.ws.audit.record(call.me.id, "person.role", "person", person.id, call.now, role=role)
    return Reply(text=_("{person} is now {article} {role}.").format(person=person.display_name, role=role_name(role),
                                                                    article="an" if role == "admin" else "a"))


def _admin_count(call: Call) -> int:
    return sum(1 for p in call.ws.people.all() if is_admin(p))


def _zone_fact(call: Call, member_of: list) -> str:
    """The zone the one rule applies to the sender, and where it comes from when it is not their own."""
    zone, team = zone_choice(call.me, member_of, call.workspace)
    if call.me.timezone:
        return zone
    if team:
        return _("{zone} (team {team})").format(zone=zone, team=team.name)
    return _("{zone} (workspace default)").format(zone=zone)


def whoami(call: Call) -> Reply:
    """`whoami`: the sender as the bot sees them."""
    call.reject_extra_args(0)
    member_of = call.ws.teams.teams_of(call.me)
    teams = ", ".join(t.name for t in member_of) or _("none")
    managed = ", ".join(t.name for t in call.ws.teams.managed_by(call.me))
    facts = [Fact(_("Role"), role_name(call.me.role)), Fact(_("Handle"), f"@{call.me.handle}"), Fact(_("Teams"), teams),
             Fact(_("Timezone"), _zone_fact(call, member_of)), Fact(_("Workspace"), call.workspace.name)]
    if managed:
        facts.insert(3, Fact(_("Manages"), managed))
    return Reply(text=_("You are {name}.").format(name=call.me.display_name), title=_("Who am I"), facts=tuple(facts))


def role_name(role: str) -> str:
    """A role as a reader says it (`rep` in English, 销售 in Chinese); the typed word stays `rep`."""
    named = _ROLE_NAMES.get(role)
    return named() if named else role


_ROLE_NAMES = {"rep": lambda: pgettext("role", "rep"), "manager": lambda: pgettext("role", "manager"),
               "admin": lambda: pgettext("role", "admin")}
