"""Occurrences of every schedule kind for every recipient: who gets what, when (quiet hours applied), and
which occurrences a later one supersedes — the candidates one tick considers."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from typing import Any, Callable, Iterator, Protocol
from zoneinfo import ZoneInfo

from handlers.forecast.prompt import CALL_REMINDER_LEAD
from handlers.records import FeedbackRound, Person, QuietHours, Schedule, Team, Workspace
from handlers.schedules.jobs import Job
from handlers.schedules.one_on_one import TEMPLATE as ONE_ON_ONE, recipients
from handlers.schedules.rules import Occurrence, Rule, defer_to_window, next_occurrence, occurrences, stored_rule
from handlers.schedules.rules import stored_window
from handlers.tasks.reminders import due_reminders
from handlers.zones import zone_name

DEFAULT_NUDGE_TIME = time(9, 0)
DEFAULT_FEEDBACK_CLOSE = timedelta(days=1)


class Snapshot(Protocol):
    """What planning reads: every workspace's rows at one moment, by id (storage's snapshot provides it)."""

    workspaces: dict[int, Workspace]
    people: dict[int, Person]
    teams: dict[int, Team]
    members: dict[int, list[int]]  # team id -> member ids
    teams_of: dict[int, list[int]]  # person id -> team ids
    quiet: dict[int, QuietHours]  # person id -> quiet hours
    schedules: list[Schedule]  # active digests, meetings and feedback prompts
    nudges: dict[int, Any]  # workspace id -> its nudge setting
    open_rounds: list[FeedbackRound]
    outbox: list[Any]
    tasks: list[Any]  # open tasks


@dataclass(frozen=True)
class Candidate:
    """A job, when it may be sent (quiet hours applied) and whether a later occurrence replaces it."""

    job: Job
    send_at: datetime
    superseded: bool = False


def person_zone(snapshot: Snapshot, person_id: int) -> str:
    """The one zone rule, over the snapshot's rows."""
    person = snapshot.people[person_id]
    teams = [snapshot.teams[team_id] for team_id in snapshot.teams_of.get(person_id, ())]
    return zone_name(person, teams, snapshot.workspaces[person.workspace_id])


class Sources:
    """Turns a snapshot into candidates for occurrences due in (since, now]."""

    def __init__(self, snapshot: Snapshot, since: datetime, now: datetime) -> None:
        self.snap, self.since, self.now = snapshot, since, now
        self._zones: dict[int, str] = {}
        self._known: dict[tuple, Any] = {}

    def all(self) -> Iterator[Candidate]:
        for schedule in self.snap.schedules:
            yield from {"digest": self.digest, "meeting": self.meeting, "feedback": self.feedback,
                        "forecast": self.forecast}.get(schedule.kind, lambda _: ())(schedule)
        for round_ in self.snap.open_rounds:
            yield from self.round_jobs(round_)
        yield from self.nudges()
        yield from self.outbox()
        yield from self.tasks()

    def zone_of(self, person_id: int) -> str:
        if person_id not in self._zones:
            self._zones[person_id] = person_zone(self.snap, person_id)
        return self._zones[person_id]

    def _floor(self, created_at: datetime) -> datetime:
        # A schedule made at 08:00:30 still fires for 08:00; one made at 08:02 waits for the next day.
        return max(self.since, created_at - timedelta(minutes=1))

    def _once(self, work: Callable, *args: Any) -> Any:
        """`work(*args)` of a pure rule function, worked out once per tick: most recipients share a rule, a zone
        and quiet hours, so thousands of them need only a few distinct answers."""
        key = (work, *args)
        if key not in self._known:
            self._known[key] = work(*args)
        return self._known[key]

    def _each(self, rule: Rule, zone: str, created_at: datetime, lead=timedelta(0)) -> list[Occurrence]:
        return self._once(occurrences, rule, ZoneInfo(zone), self._floor(created_at), self.now, lead)

    def _direct(self, job: Job, occurrence_rule: Rule | None, zone: str, lead=timedelta(0)) -> Candidate:
        """A DM waits for the person's window; if a later occurrence is due by then, this one is dropped."""
        window = stored_window(self.snap.quiet.get(job.person_id))
        send_at = self._once(defer_to_window, job.due_at, ZoneInfo(zone), window)
        superseded = False
        if send_at > job.due_at and occurrence_rule is not None:
            later = self._once(next_occurrence, occurrence_rule, ZoneInfo(zone), job.due_at, lead)
            superseded = later is not None and later.due_at <= send_at
        return Candidate(job, send_at, superseded)

    def digest(self, schedule) -> Iterator[Candidate]:
        person = self.snap.people.get(schedule.owner_id)
        if person is None:
            return
        zone, rule = self.zone_of(person.id), stored_rule(schedule)
        for occ in self._each(rule, zone, schedule.created_at):
            job = Job(f"digest:{schedule.id}:{person.id}:{occ.local_date}", "digest", schedule.workspace_id,
                      occ.due_at, schedule.id, person.id, local_date=occ.local_date,
                      channel_id=schedule.channel_id if schedule.target == "here" else None)
            yield self._direct(job, rule, zone) if job.is_direct else Candidate(job, job.due_at)

    def meeting(self, schedule) -> Iterator[Candidate]:
        rule, lead = stored_rule(schedule), timedelta(minutes=schedule.remind_minutes or 0)
        if schedule.template == ONE_ON_ONE:
            yield from self.one_on_one(schedule, rule, lead)
            return
        channel = schedule.channel_id
        if schedule.target == "team" and schedule.team_id in self.snap.teams:
            channel = self.snap.teams[schedule.team_id].home_channel
        for occ in self._each(rule, schedule.timezone or "UTC", schedule.created_at, lead):
            job = Job(f"meeting:{schedule.id}:{occ.local_date}", "meeting", schedule.workspace_id, occ.due_at,
                      schedule.id, schedule.owner_id, local_date=occ.local_date, channel_id=channel)
            candidate = (self._direct(job, rule, self.zone_of(schedule.owner_id), lead) if job.is_direct
                         else Candidate(job, job.due_at))
            # `meeting skip` drops exactly one occurrence: the one on the recorded local date.
            yield replace(candidate, superseded=True) if occ.local_date == schedule.skip_date else candidate
        if schedule.template == "forecast":
            yield from self.forecast_call(schedule)

    def one_on_one(self, schedule, rule: Rule, lead: timedelta) -> Iterator[Candidate]:
        """A 1:1's reminder: one DM to each of its two people (their quiet hours), never a channel post."""
        for occ in self._each(rule, schedule.timezone or "UTC", schedule.created_at, lead):
            for person_id in (p for p in recipients(schedule) if p in self.snap.people):
                job = Job(f"meeting:{schedule.id}:{person_id}:{occ.local_date}", "meeting", schedule.workspace_id,
                          occ.due_at, schedule.id, person_id, local_date=occ.local_date)
                candidate = self._direct(job, rule, self.zone_of(person_id), lead)
                yield replace(candidate, superseded=True) if occ.local_date == schedule.skip_date else candidate

    def forecast(self, schedule) -> Iterator[Candidate]:
        """The weekly forecast prompt: every rep of the workspace, in their own zone and quiet hours."""
        rule = stored_rule(schedule)
        reps = [p for p in self.snap.people.values() if p.workspace_id == schedule.workspace_id and p.role == "rep"]
        for person in reps:
            zone = self.zone_of(person.id)
            for occ in self._each(rule, zone, schedule.created_at):
                job = Job(f"forecast:{schedule.id}:{person.id}:{occ.local_date}", "forecast", schedule.workspace_id,
                          occ.due_at, schedule.id, person.id, local_date=occ.local_date)
                yield self._direct(job, rule, zone)

    def forecast_call(self, meeting) -> Iterator[Candidate]:
        """Before a forecast call, one reminder to each rep of its team (sent only to those who have not
        submitted); dropped when quiet hours would hold it past the call."""
        rule, lead = stored_rule(meeting), CALL_REMINDER_LEAD
        members = [pid for pid in self.snap.members.get(meeting.team_id, []) if pid != meeting.owner_id
                   and pid in self.snap.people and self.snap.people[pid].role == "rep"]
        for occ in self._each(rule, meeting.timezone or "UTC", meeting.created_at, lead):
            for person_id in members:
                job = Job(f"forecast-call:{meeting.id}:{person_id}:{occ.local_date}", "forecast-call",
                          meeting.workspace_id, occ.due_at, meeting.id, person_id, local_date=occ.local_date)
                candidate = self._direct(job, None, self.zone_of(person_id))
                yield replace(candidate, superseded=candidate.send_at >= occ.starts_at
                              or occ.local_date == meeting.skip_date)

    def feedback(self, schedule) -> Iterator[Candidate]:
        rule = stored_rule(schedule)
        if schedule.target != "team":
            for occ in self._each(rule, schedule.timezone or "UTC", schedule.created_at):
                yield Candidate(Job(f"feedback:{schedule.id}:channel:{occ.local_date}", "feedback",
                                    schedule.workspace_id, occ.due_at, schedule.id, schedule.owner_id,
                                    local_date=occ.local_date, channel_id=schedule.channel_id), occ.due_at)
            return
        for person_id in self.expected(schedule):
            zone = self.zone_of(person_id)
            for occ in self._each(rule, zone, schedule.created_at):
                job = Job(f"feedback:{schedule.id}:{person_id}:{occ.local_date}", "feedback",
                          schedule.workspace_id, occ.due_at, schedule.id, person_id, local_date=occ.local_date)
                yield self._direct(job, rule, zone)

    def expected(self, schedule) -> list[int]:
        """Who a prompt is for: the members of its team, without the person who asked."""
        members = self.snap.members.get(schedule.team_id, []) if schedule.team_id else []
        return sorted(set(members) - {schedule.owner_id})

    def round_jobs(self, round_) -> Iterator[Candidate]:
        schedule = next((s for s in self.snap.schedules if s.id == round_.schedule_id), None)
        if schedule is None or schedule.owner_id not in self.snap.people:
            return
        owner_zone = self.zone_of(schedule.owner_id)
        results = Job(f"feedback-results:{round_.id}", "feedback-results", round_.workspace_id, round_.closes_at,
                      schedule.id, schedule.owner_id, round_.id)
        if schedule.template != "winloss":
            yield self._direct(results, None, owner_zone)
        halfway = round_.opened_at + (round_.closes_at - round_.opened_at) / 2
        if halfway > self.now or self.now >= round_.closes_at:
            return
        people = [round_.recipient_id] if round_.recipient_id else self.expected(schedule)
        for person_id in people:
            job = Job(f"feedback-remind:{round_.id}:{person_id}", "feedback-remind", round_.workspace_id, halfway,
                      schedule.id, person_id, round_.id)
            candidate = self._direct(job, None, self.zone_of(person_id))
            yield Candidate(job, candidate.send_at, candidate.send_at >= round_.closes_at)

    def nudges(self) -> Iterator[Candidate]:
        for person in self.snap.people.values():
            setting = self.snap.nudges.get(person.workspace_id)
            if setting is not None and not setting.active:
                continue
            rule = stored_rule(setting) if setting else Rule("weekdays", DEFAULT_NUDGE_TIME)
            zone = self.zone_of(person.id)
            for occ in self._each(rule, zone, setting.created_at if setting else self.since):
                job = Job(f"nudge:{person.id}:{occ.local_date}", "nudge", person.workspace_id, occ.due_at,
                          person_id=person.id, local_date=occ.local_date)
                yield self._direct(job, rule, zone)

    def outbox(self) -> Iterator[Candidate]:
        for item in self.snap.outbox:
            if item.person_id in self.snap.people:
                job = Job(f"outbox:{item.id}", "outbox", item.workspace_id, item.created_at,
                          person_id=item.person_id, ref_id=item.id, round_id=item.ref_id, topic=item.kind)
                yield self._direct(job, None, self.zone_of(item.person_id))

    def tasks(self) -> Iterator[Candidate]:
        """Task reminders: direct messages at the due time, held by quiet hours, never superseded."""
        for job in due_reminders(self.snap.tasks, self.since, self.now):
            if job.person_id in self.snap.people:
                yield self._direct(job, None, self.zone_of(job.person_id))
