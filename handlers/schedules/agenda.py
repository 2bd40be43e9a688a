"""A meeting's agenda from the data: stage moves since last time, new risks, targets behind pace, feedback."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from handlers.analytics.risks import reasons
from handlers.call import Call
from handlers.forecast import rhythm as forecast_rhythm
from handlers.i18n import _
from handlers.records import Schedule
from handlers.rhythm.digest import intel_lines
from handlers.schedules.risks import at_risk, at_risk_since
from handlers.schedules.digest_figures import DigestFigureSource
from handlers.schedules.rules import occurrences, stored_rule
from handlers.scope import Scope

MAX_LINES = 6


def meeting_scope(call: Call, meeting: Schedule) -> Scope:
    """The meeting's team, else its owner alone."""
    team = call.ws.teams.get(meeting.team_id) if meeting.team_id else None
    if team is None:
        return Scope(call.me.display_name, frozenset({call.me.id}), person_id=call.me.id)
    return Scope(team.name, frozenset(call.ws.teams.member_ids([team])), team_ids=(team.id,))


def previous_start(meeting: Schedule, start: datetime) -> datetime:
    """When the previous occurrence started (or when the meeting was added, for the first one)."""
    earlier = occurrences(stored_rule(meeting), ZoneInfo(meeting.timezone), start - timedelta(days=62),
                          start - timedelta(seconds=1))
    return max([o.starts_at for o in earlier if o.starts_at >= meeting.created_at] + [meeting.created_at])


def agenda_lines(call: Call, meeting: Schedule, start: datetime, source: DigestFigureSource) -> list[str]:
    scope = meeting_scope(call, meeting)
    since = previous_start(meeting, start)
    if meeting.template == "forecast":  # a forecast call: `meeting add … agenda=forecast`
        return forecast_rhythm.agenda_lines(call, scope, since)
    return (_moves(call, scope, since) + _new_risks(call, scope, since) + _behind(call, scope, source)
            + _feedback(call, scope) + [f"{fact.label}: {fact.value}" for fact in
                                        intel_lines(call, set(scope.owner_ids), since)])


def _moves(call: Call, scope: Scope, since: datetime) -> list[str]:
    moves = call.ws.schedule_stats.stage_changes_since(set(scope.owner_ids), since, limit=MAX_LINES)
    return [f"#{number} {name}: {before} → {after}" for number, name, before, after in moves]


def _new_risks(call: Call, scope: Scope, since: datetime) -> list[str]:
    """Deals that became at risk since the last meeting, with why."""
    fresh = [d for d in at_risk(call, scope.owner_ids) if at_risk_since(call, d) >= since]
    return [_("New at risk: #{number} {name} — {why}").format(number=d.number, name=d.name, why="; ".join(reasons(d)))
            for d in fresh[:MAX_LINES]]


def _behind(call: Call, scope: Scope, source: DigestFigureSource) -> list[str]:
    figures = source.figures(call, scope, call.zone)
    # The percent signs travel with the numbers: a bare "% o" in a message reads as a printf directive.
    return [_("{label}: {share} of target with {pace} of the period gone").format(
                label=_(row.label), share=f"{row.won_minor * 100 // row.target_minor}%",
                pace=f"{round(row.pace * 100)}%")
            for row in figures.attainment if row.target_minor and row.won_minor / row.target_minor < row.pace]


def _feedback(call: Call, scope: Scope) -> list[str]:
    lines = []
    for prompt in call.ws.schedules.active("feedback"):
        if prompt.owner_id in scope.owner_ids or prompt.team_id in scope.team_ids:
            rounds = call.ws.feedback.rounds_of(prompt.id, limit=1)
            if rounds:
                count = sum(call.ws.feedback.counts([rounds[-1].id])[rounds[-1].id].values())
                lines.append(_("Feedback “{title}”: {count} answer(s) — `feedback results {id}`").format(
                    title=prompt.title, count=count, id=prompt.id))
    return lines
