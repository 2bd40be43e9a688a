"""`meeting add|list|cancel|skip`, and the reminder with an agenda built from the data."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from handlers.call import Call
from handlers.errors import PermissionDenied, UserError
from handlers.i18n import _
from handlers.parsing.values import parse_duration
from handlers.permissions import is_admin
from handlers.ports import WorkspacePort
from handlers.records import Person, Schedule
from handlers.reply import Reply, Table
from handlers.schedules import wording
from handlers.schedules.agenda import agenda_lines
from handlers.schedules.digest_figures import DigestFigureSource, day_bounds
from handlers.schedules.jobs import Job
from handlers.schedules.one_on_one import TEMPLATE, compose_one_on_one, subject_of, titled
from handlers.schedules.parse import parse_id, read_schedule_words
from handlers.schedules.rules import describe_next, next_start, occurrences, stored_rule
from handlers.schedules.targets import here_channel, require_team, sender_team
from handlers.scope import Scope

MEETING_KINDS = ("daily", "weekdays", "weekly", "monthly")
DEFAULT_REMIND = timedelta(minutes=15)
MAX_TITLE = 200


def add_meeting(call: Call) -> Reply:
    """`meeting add "<title>" <rule> <HH:MM> [remind=30m] [here|team] [agenda=forecast|scorecard with=@person]`."""
    call.reject_unknown_options(("remind", "agenda", "with"))
    agenda = _agenda(call)
    title = " ".join(call.arg(0, _("the meeting's title")).text.split())
    if not title or len(title) > MAX_TITLE:
        raise UserError(_("give the meeting a title of at most {count} characters").format(count=MAX_TITLE),
                        call.usage)
    subject = subject_of(call, title, agenda)
    words = read_schedule_words(call.args[1:], MEETING_KINDS, ("here", "team"), call.usage)
    if words.kind is None or words.at is None:
        raise UserError(_("say when it happens, like `weekly mon 09:00`"), call.usage)
    remind = parse_duration(call.option("remind")) if call.option("remind") else DEFAULT_REMIND
    if remind > timedelta(days=1):
        raise UserError(_("remind at most 1d before the meeting"), call.usage)
    if subject is not None:
        return _add_one_on_one(call, title, words, remind, subject)
    target = words.target or "here"
    team = require_team(call, _("remind")) if target == "team" else sender_team(call)
    if target == "team" and not team.home_channel:
        raise UserError(_("{team} has no channel yet — run `team channel \"{team}\" here` first").format(
            team=team.name))
    meeting = call.ws.schedules.add(
        "meeting", owner_id=call.me.id, title=title, rule=words.kind, rule_day=words.day,
        at_time=words.at.strftime("%H:%M"), timezone=call.zone_name, target=target,
        channel_id=here_channel(call) if target == "here" else None, team_id=team.id if team else None,
        remind_minutes=int(remind.total_seconds() // 60), template=agenda, created_at=call.now)
    where = wording.WHERE_HERE if target == "here" else wording.WHERE_TEAM_CHANNEL.format(team=team.name)
    return _added(call, meeting, remind, where)


def _add_one_on_one(call: Call, title: str, words, remind: timedelta, subject: Person) -> Reply:
    """A 1:1 belongs to no channel and no team: its reminder is a DM to its creator and to `subject`."""
    if words.target:
        raise UserError(wording.ONE_ON_ONE_TARGET.format(word=words.target, person=subject.display_name),
                        call.usage)
    meeting = call.ws.schedules.add(
        "meeting", owner_id=call.me.id, title=titled(title, subject), rule=words.kind, rule_day=words.day,
        at_time=words.at.strftime("%H:%M"), timezone=call.zone_name, target="dm", channel_id=None, team_id=None,
        remind_minutes=int(remind.total_seconds() // 60), template=TEMPLATE, subject_id=subject.id,
        created_at=call.now)
    return _added(call, meeting, remind, wording.ONE_ON_ONE_WHERE.format(person=subject.display_name))


def _added(call: Call, meeting: Schedule, remind: timedelta, where: str) -> Reply:
    return Reply(text=wording.MEETING_ADDED.format(id=meeting.id, title=meeting.title,
                                                   when=describe_next(meeting, ZoneInfo(meeting.timezone), call.now),
                                                   zone=meeting.timezone, remind=_minutes(remind), where=where))


def _agenda(call: Call) -> str | None:
    """`agenda=forecast` makes the meeting a forecast call (its agenda is the forecast), `agenda=scorecard` a
    1:1 (the person's scorecard); none: the usual agenda from the data."""
    word = (call.option("agenda") or "").casefold()
    if word not in ("", "forecast", TEMPLATE):
        raise UserError(_("'{word}' is not an agenda — try agenda=forecast or agenda=scorecard").format(word=word),
                        call.usage)
    return word or None


def _minutes(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes % 60 == 0:
        return _("{hours}h").format(hours=minutes // 60)
    if minutes < 60:
        return _("{minutes}m").format(minutes=minutes)
    return _("{hours}h{minutes}m").format(hours=minutes // 60, minutes=f"{minutes % 60:02d}")


def list_meetings(call: Call) -> Reply:
    call.reject_extra_args(0)
    meetings = _visible(call)
    if not meetings:
        return Reply(text=wording.NO_MEETINGS)
    rows = tuple((f"#{m.id}", m.title, describe_next(m, ZoneInfo(m.timezone), call.now, _lead(m)),
                  _("{minutes}m before").format(minutes=m.remind_minutes), m.timezone) for m in meetings)
    return Reply(text=_("{count} meeting(s).").format(count=len(rows)), title=_("Meetings"),
                 table=Table(("#", _("Meeting"), _("When"), _("Reminder"), _("Zone")), rows))


def _visible(call: Call) -> list[Schedule]:
    """Admins see every meeting; others see their own and those of their teams."""
    meetings = call.ws.schedules.active("meeting")
    if is_admin(call.me):
        return meetings
    teams = {t.id for t in call.ws.teams.teams_of(call.me) + call.ws.teams.managed_by(call.me)}
    return [m for m in meetings if call.me.id in (m.owner_id, m.subject_id) or m.team_id in teams]


def _lead(meeting: Schedule) -> timedelta:
    return timedelta(minutes=meeting.remind_minutes or 0)


def _own_meeting(call: Call) -> Schedule:
    meeting = call.ws.schedules.get("meeting", parse_id(call.arg(0, _("the meeting")), _("a meeting"), call.usage))
    call.reject_extra_args(1)
    if meeting is None or not meeting.active:
        raise UserError(_("there is no such meeting — `meeting list` shows them"))
    team = call.ws.teams.get(meeting.team_id) if meeting.team_id else None
    if not (meeting.owner_id == call.me.id or is_admin(call.me) or (team and team.manager_id == call.me.id)):
        raise PermissionDenied(_("only whoever added the meeting, its team's manager or an admin can change it"))
    return meeting


def cancel_meeting(call: Call) -> Reply:
    meeting = _own_meeting(call)
    call.ws.schedules.end(meeting, call.now)
    return Reply(text=wording.MEETING_CANCELLED.format(id=meeting.id, title=meeting.title))


def skip_meeting(call: Call) -> Reply:
    """`meeting skip <id>`: only the next occurrence."""
    meeting = _own_meeting(call)
    zone = ZoneInfo(meeting.timezone)
    start = next_start(meeting, zone, call.now, _lead(meeting))
    if start is None:
        raise UserError(_("that meeting has no next occurrence"))
    meeting.skip_date = start.astimezone(zone).date()
    return Reply(text=wording.MEETING_SKIPPED.format(day=wording.short_day(meeting.skip_date), title=meeting.title))


def meetings_today(call: Call, scope: Scope, zone: ZoneInfo) -> list[str]:
    """Meetings of the scope's people or teams starting today (the reader's day), as `09:00 Pipeline review`."""
    first, last = day_bounds(call.now.astimezone(zone).date(), zone)
    found = []
    for meeting in call.ws.schedules.active("meeting"):
        if meeting.template == TEMPLATE:  # a 1:1 is its own DM reminder; a digest may be posted in a channel
            continue
        if not (scope.owner_ids is None or meeting.owner_id in scope.owner_ids or meeting.team_id in scope.team_ids):
            continue
        for occ in occurrences(stored_rule(meeting), ZoneInfo(meeting.timezone), first - timedelta(seconds=1), last):
            if occ.starts_at < last and occ.local_date != meeting.skip_date:
                found.append((occ.starts_at, f"{occ.starts_at.astimezone(zone):%H:%M} {meeting.title}"))
    return [text for _, text in sorted(found)]


def compose_reminder(ws: WorkspacePort, job: Job, now: datetime, source: DigestFigureSource) -> Reply | None:
    meeting = ws.schedules.get("meeting", job.schedule_id)
    owner = ws.people.get(meeting.owner_id) if meeting else None
    if meeting is None or not meeting.active or owner is None:
        return None
    zone = ZoneInfo(meeting.timezone)
    start = job.due_at + _lead(meeting)
    if meeting.template == TEMPLATE:
        return compose_one_on_one(ws, meeting, job, f"{start.astimezone(zone):%H:%M}", now)
    call = Call.as_person(ws, owner, now)
    lines = agenda_lines(call, meeting, start, source)
    head = wording.REMINDER.format(title=meeting.title, start=f"{start.astimezone(zone):%H:%M}", zone=meeting.timezone)
    body = "\n".join(f"• {line}" for line in lines) if lines else wording.EMPTY_AGENDA
    return Reply(text=f"{head}\n{body}", title=wording.COMING_UP.format(title=meeting.title), public=True)
