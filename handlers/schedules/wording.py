"""Every sentence the schedules area says, in one place so wording stays reviewable."""
from __future__ import annotations

QUIET_DAY = "Nothing happened {day}: no activities and no deal moves for {scope}. Open pipeline {open}."
QUIET_RISKS = " {count} deal(s) at risk."
DIGEST_TITLE = "{kind} digest — {scope}"
DIGEST_INTRO = "Here is {scope} for {day}."
SUBSCRIBED = "You will get your {kind} digest {when} ({zone}), {where}. Preview it now with `digest preview`."
UNSUBSCRIBED = "Your digest is off. `digest subscribe` turns it back on."
NOT_SUBSCRIBED = "You have no digest subscription. Try `digest subscribe weekdays 08:00`."
WHERE_DM = "as a direct message"
CHARTS_ON = "Digests now come with a chart of won value against target."
CHARTS_OFF = "Digests no longer carry a chart."
WHERE_HERE = "in this channel"

MEETING_ADDED = "Meeting #{id} “{title}” {when} ({zone}). I will post the agenda {remind} before it starts {where}."
MEETING_CANCELLED = "Meeting #{id} “{title}” is cancelled; no more reminders."
MEETING_SKIPPED = "The {day} occurrence of “{title}” is skipped; reminders resume after it."
NO_MEETINGS = 'No meetings yet. Add one with `meeting add "Pipeline review" weekly mon 09:00 remind=30m`.'
REMINDER = "“{title}” starts at {start} ({zone}). Agenda from the data:"
ONE_ON_ONE_REMINDER = ("“{title}” starts at {start} ({zone}). The agenda is {person}'s scorecard, sent only to "
                       "{owner} and {person}.")
ONE_ON_ONE_WHERE = "as a direct message to you and {person} only"
ONE_ON_ONE_WHO = "say who the 1:1 is with — `with=@bob`, or a title like \"1:1 with @bob\""
ONE_ON_ONE_AGENDA = "'agenda={word}' does not fit a 1:1 — its agenda is the person's scorecard (agenda=scorecard)"
ONE_ON_ONE_TWO_PEOPLE = "the title names '{title}' but with= names '{typed}' — a 1:1 is with one person"
ONE_ON_ONE_SELF = "a 1:1 is with someone else — name one of your team"
ONE_ON_ONE_NOT_ALLOWED = "only a manager of {person} or an admin can set up a 1:1 that carries their scorecard"
ONE_ON_ONE_NO_TEAM = "{person} is not in a team yet — a 1:1's scorecard compares them with their team"
ONE_ON_ONE_TARGET = "'{word}' does not fit a 1:1 — its agenda goes only to you and {person}, as direct messages"
EMPTY_AGENDA = "Nothing changed since the last one — a short meeting."

FEEDBACK_ASKED = "Feedback prompt #{id} “{question}” is set: {when}, {where}.{anon} Results come to you at close."
FEEDBACK_CLOSED = "Prompt #{id} is closed."
NO_PROMPTS = 'No open feedback prompts. Ask one with `feedback ask "How was the week?" scale=1-5`.'
ANSWER_SAVED = "Thanks — your answer “{value}” is saved.{again}"
ANSWER_REPLACED = "Your answer is now “{value}”."
ANSWER_FINAL = ("You have already answered this question. Anonymous answers cannot be changed: nothing links "
                "an answer to whoever gave it, not even for you.")
ANON_SAVED = " It is stored without your name, so it cannot be changed."
ROUND_CLOSED = "That question has closed; answers are no longer taken."
TOO_FEW = "Results appear once at least {minimum} people have answered (so far: {count})."
REMINDER_NUDGE = "A reminder: “{question}” closes {closes}. It takes one click."
ANON_NOTE = " Answers are anonymous, one per person, and final."
WINLOSS_WON = "Why did #{number} {name} close as won?"
WINLOSS_LOST = "Why did #{number} {name} close as lost?"

NUDGE_INTRO = "{count} of your deals need attention:"
NUDGES_ON = "Reps with at-risk deals get one reminder at {at} on working days (their own time, within quiet hours)."
NUDGES_OFF = "Daily at-risk nudges are off."

QUIET_SET = "Proactive messages reach you {window} ({zone}). Channel posts you asked for are not held back."
MORE_RISKS = "+{count} more — `risks {scope}`"
