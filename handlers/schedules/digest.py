"""`digest subscribe|unsubscribe|preview|list`, and the digest the scheduler posts."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from handlers.analytics.args import workspace_today, workspace_zone
from handlers.analytics.periods import parse_period
from handlers.call import Call
from handlers.fx import conversion_note, join_footer
from handlers.errors import UserError
from handlers.forecast import rhythm as forecast_rhythm
from handlers.i18n import _
from handlers.permissions import require_admin
from handlers.ports import WorkspacePort
from handlers.reply import Reply, Table
from handlers.rhythm.digest import rhythm_facts
from handlers.schedules import wording
from handlers.parsing.tokens import Token
from handlers.schedules.digest_figures import DigestFigureSource
from handlers.schedules.digest_view import digest_reply
from handlers.schedules.jobs import Job
from handlers.schedules.meetings import meetings_today
from handlers.schedules.parse import read_schedule_words
from handlers.schedules.rules import describe_next, rule_from_words
from handlers.schedules.targets import here_channel
from handlers.scope import Scope, default_scope_word, resolve_scope
from handlers.tasks.overdue import with_overdue

DIGEST_KINDS = ("daily", "weekdays", "weekly")


def own_scope(call: Call) -> Scope:
    """Whose digest: a rep's own numbers, a manager's team (their own without one), an admin's workspace —
    the same default `kpi` and `risks` use."""
    word = default_scope_word(call)
    if word == "team" and not (call.ws.teams.managed_by(call.me) or call.ws.teams.teams_of(call.me)):
        word = "mine"
    return resolve_scope(call, Token(word))


def build_digest(call: Call, source: DigestFigureSource) -> Reply:
    """The digest for the sender as of `call.now`, in their zone."""
    scope = own_scope(call)
    figures = source.figures(call, scope, call.zone)
    names = {p.id: p.display_name for p in call.ws.people.all()}
    kind = "Rep" if scope.person_id == call.me.id else "Manager"
    reply = digest_reply(figures, scope.label, kind, names, meetings_today(call, scope, call.zone),
                         _scope_word(call, scope))
    reply = replace(reply, facts=reply.facts + rhythm_facts(call, scope, manager=kind == "Manager"))
    if kind == "Manager" and reply.facts:  # the manager's one forecast line
        reply = replace(reply, facts=reply.facts + (forecast_rhythm.digest_fact(call, scope),))
    reply = replace(reply, chart=_chart(call, figures, scope.label)) if reply.facts else reply
    note = conversion_note(call, call.ws.analytics.currency_mix(
        scope.owner_ids, parse_period("month", workspace_today(call), workspace_zone(call))))
    return with_overdue(call, replace(reply, footer=join_footer(reply.footer, note)), scope)


def _scope_word(call: Call, scope: Scope) -> str:
    """How `risks` names this digest's scope, for the "+2 more" pointer."""
    return "mine" if scope.person_id == call.me.id else ("team" if scope.team_ids else "all")


def _chart(call: Call, figures, label: str):
    """Attainment bars with the pace line, when an admin turned digest charts on and targets exist."""
    setting = call.ws.schedules.setting("digest-charts")
    rows = [row for row in figures.attainment if row.target_minor]
    if setting is None or not setting.active or not rows:
        return None
    try:
        from handlers.analytics.charts import attainment_chart  # matplotlib loads only for charts
    except ImportError:  # charts are an extra: the digest goes out without one
        return None
    bars = [(_(row.label), row.won_minor / row.target_minor) for row in rows]
    return attainment_chart(_("Won vs target — {scope}").format(scope=label), bars, rows[0].pace, f"digest-{label}")


def set_charts(call: Call) -> Reply:
    """`digest charts on|off` (admins): attach the attainment chart to every digest of the workspace."""
    word = call.arg(0, str(wording.ON_OR_OFF)).text.casefold()
    call.reject_extra_args(1)
    require_admin(call, _("turn digest charts on or off"))
    if word not in ("on", "off"):
        raise UserError(wording.NOT_ON_OFF.format(word=word), call.usage)
    setting = call.ws.schedules.setting("digest-charts") or call.ws.schedules.add("setting", title="digest-charts",
                                                                                  created_at=call.now)
    setting.active = word == "on"
    return Reply(text=wording.CHARTS_ON if setting.active else wording.CHARTS_OFF)


def subscribe(call: Call) -> Reply:
    """`digest subscribe [daily|weekdays|weekly <day>] [<HH:MM>] [here|dm]`."""
    call.reject_unknown_options(())
    words = read_schedule_words(call.args, DIGEST_KINDS, ("here", "dm"), call.usage)
    target = words.target or "dm"
    channel = here_channel(call) if target == "here" else None
    for old in call.ws.schedules.active("digest", call.me.id):
        call.ws.schedules.end(old, call.now)
    rule = rule_from_words(words, "weekdays", "08:00")
    call.ws.schedules.add("digest", owner_id=call.me.id, rule=rule.kind, rule_day=rule.day,
                          at_time=rule.at.strftime("%H:%M"), target=target, channel_id=channel, created_at=call.now)
    kind = "rep" if own_scope(call).person_id == call.me.id else "manager"
    where = wording.WHERE_HERE if channel else wording.WHERE_DM
    return Reply(text=wording.SUBSCRIBED.format(kind=wording.digest_kind(kind), when=rule.describe(),
                                                zone=call.zone_name, where=where))


def unsubscribe(call: Call) -> Reply:
    call.reject_extra_args(0)
    active = call.ws.schedules.active("digest", call.me.id)
    if not active:
        raise UserError(wording.NOT_SUBSCRIBED)
    for schedule in active:
        call.ws.schedules.end(schedule, call.now)
    return Reply(text=wording.UNSUBSCRIBED)


def preview(call: Call) -> Reply:
    call.reject_extra_args(0)
    call.reject_unknown_options(())
    return build_digest(call, DigestFigureSource())


def list_digests(call: Call) -> Reply:
    call.reject_extra_args(0)
    active = call.ws.schedules.active("digest", call.me.id)
    if not active:
        return Reply(text=wording.NOT_SUBSCRIBED)
    rows = tuple((f"#{s.id}", describe_next(s, call.zone, call.now),
                  _("this channel") if s.target == "here" else _("direct message")) for s in active)
    return Reply(text=_("Your digest ({zone}).").format(zone=call.zone_name),
                 table=Table(("#", _("When"), _("Where")), rows))


def compose_digest(ws: WorkspacePort, job: Job, now: datetime, source: DigestFigureSource) -> Reply | None:
    person = ws.people.get(job.person_id)
    schedule = ws.schedules.get("digest", job.schedule_id)
    if person is None or schedule is None or not schedule.active:
        return None
    return build_digest(Call.as_person(ws, person, now, "digest preview"), source)

