"""Every sentence the schedules area says, in one place so wording stays reviewable; days and weekdays as the
reader's locale writes them."""
from __future__ import annotations

import calendar
from datetime import date, datetime

from babel.dates import get_day_names

from handlers.i18n import L_, active_locale, pgettext
from handlers.i18n.dates import local_day, local_time

QUIET_DAY = L_("Nothing happened {day}: no activities and no deal moves for {scope}. Open pipeline {open}.")
QUIET_ON_DAY = L_("on {day}")
QUIET_RISKS = L_(" {count} deal(s) at risk.")
DIGEST_TITLE = L_("{kind} digest — {scope}")
DIGEST_INTRO = L_("Here is {scope} for {day}.")
SUBSCRIBED = L_("You will get your {kind} digest {when} ({zone}), {where}. Preview it now with `digest preview`.")
UNSUBSCRIBED = L_("Your digest is off. `digest subscribe` turns it back on.")
NOT_SUBSCRIBED = L_("You have no digest subscription. Try `digest subscribe weekdays 08:00`.")
WHERE_DM = L_("as a direct message")
CHARTS_ON = L_("Digests now come with a chart of won value against target.")
CHARTS_OFF = L_("Digests no longer carry a chart.")
WHERE_HERE = L_("in this channel")
WHERE_TEAM_CHANNEL = L_("in {team}'s channel")
NOT_ON_OFF = L_("'{word}' is not on or off")
ON_OR_OFF = L_("on or off")

MEETING_ADDED = L_("Meeting #{id} “{title}” {when} ({zone}). I will post the agenda {remind} before it starts {where}.")
MEETING_CANCELLED = L_("Meeting #{id} “{title}” is cancelled; no more reminders.")
MEETING_SKIPPED = L_("The {day} occurrence of “{title}” is skipped; reminders resume after it.")
NO_MEETINGS = L_('No meetings yet. Add one with `meeting add "Pipeline review" weekly mon 09:00 remind=30m`.')
REMINDER = L_("“{title}” starts at {start} ({zone}). Agenda from the data:")
COMING_UP = L_("Coming up: {title}")
ONE_ON_ONE_REMINDER = L_("“{title}” starts at {start} ({zone}). The agenda is {person}'s scorecard, sent only to "
                         "{owner} and {person}.")
ONE_ON_ONE_WHERE = L_("as a direct message to you and {person} only")
ONE_ON_ONE_WHO = L_("say who the 1:1 is with — `with=@bob`, or a title like \"1:1 with @bob\"")
ONE_ON_ONE_AGENDA = L_("'agenda={word}' does not fit a 1:1 — its agenda is the person's scorecard (agenda=scorecard)")
ONE_ON_ONE_TWO_PEOPLE = L_("the title names '{title}' but with= names '{typed}' — a 1:1 is with one person")
ONE_ON_ONE_SELF = L_("a 1:1 is with someone else — name one of your team")
ONE_ON_ONE_NOT_ALLOWED = L_("only a manager of {person} or an admin can set up a 1:1 that carries their scorecard")
ONE_ON_ONE_NO_TEAM = L_("{person} is not in a team yet — a 1:1's scorecard compares them with their team")
ONE_ON_ONE_TARGET = L_("'{word}' does not fit a 1:1 — its agenda goes only to you and {person}, as direct messages")
EMPTY_AGENDA = L_("Nothing changed since the last one — a short meeting.")

FEEDBACK_ASKED = L_("Feedback prompt #{id} “{question}” is set: {when}, {where}.{anon} Results come to you at close.")
FEEDBACK_CLOSED = L_("Prompt #{id} is closed.")
NO_PROMPTS = L_('No open feedback prompts. Ask one with `feedback ask "How was the week?" scale=1-5`.')
ANSWER_SAVED = L_("Thanks — your answer “{value}” is saved.{again}")
ANSWER_REPLACED = L_("Your answer is now “{value}”.")
ANSWER_FINAL = L_("You have already answered this question. Anonymous answers cannot be changed: nothing links "
                  "an answer to whoever gave it, not even for you.")
ANON_SAVED = L_(" It is stored without your name, so it cannot be changed.")
NAMED_SAVED = L_(" You can change it until the question closes.")
ROUND_CLOSED = L_("That question has closed; answers are no longer taken.")
TOO_FEW = L_("Results appear once at least {minimum} people have answered (so far: {count}).")
REMINDER_NUDGE = L_("A reminder: “{question}” closes {closes}. It takes one click.")
ANON_NOTE = L_(" Answers are anonymous, one per person, and final.")
WINLOSS_WON = L_("Why did #{number} {name} close as won?")
WINLOSS_LOST = L_("Why did #{number} {name} close as lost?")

NUDGE_INTRO = L_("{count} of your deals need attention:")
NUDGES_ON = L_("Reps with at-risk deals get one reminder at {at} on working days (their own time, within quiet "
               "hours).")
NUDGES_OFF = L_("Daily at-risk nudges are off.")

QUIET_SET = L_("Proactive messages reach you {window} ({zone}). Channel posts you asked for are not held back.")
MORE_RISKS = L_("+{count} more — `risks {scope}`")

# What people see for a stored answer word (the buttons' commands keep the English value).
ANSWER_LABELS = {"yes": L_("yes"), "no": L_("no"), "price": L_("price"), "product fit": L_("product fit"),
                 "relationship": L_("relationship"), "timing": L_("timing"), "competitor": L_("competitor"),
                 "other": L_("other")}


def answer_label(value: str) -> str:
    """A stored answer as the reader says it; a typed or custom answer stays as it was given."""
    label = ANSWER_LABELS.get(value)
    return str(label) if label is not None else value


def digest_kind(kind: str) -> str:
    """`Rep`/`Manager` (and lower-case) as the digest's title and confirmation name them."""
    return {"Rep": pgettext("digest kind", "Rep"), "Manager": pgettext("digest kind", "Manager"),
            "rep": pgettext("digest kind", "rep"), "manager": pgettext("digest kind", "manager")}.get(kind, kind)


def is_english() -> bool:
    """English keeps the exact words and date forms it has always shown."""
    return active_locale().split("_")[0] == "en"


def weekday_name(index: int) -> str:
    """Monday … Sunday; in Chinese the everyday form (周四), which Babel calls abbreviated."""
    if is_english():
        return calendar.day_name[index]
    locale = active_locale()
    return get_day_names("abbreviated" if locale.startswith("zh") else "wide", locale=locale)[index]


def short_day(day: date) -> str:
    """`Thu 03 Dec` in English (as always), the locale's own month-day-weekday elsewhere (`12月3日周四`)."""
    return local_day(day, "%a %d %b", "MMMdEEE")


def long_day(day: date) -> str:
    """`Wednesday 02 Dec` in English, the locale's month-day-weekday elsewhere."""
    return local_day(day, "%A %d %b", "MMMMdEEEE")


def weekday_time(moment: datetime) -> str:
    """`Thu 16:00` in English, `周四 16:00` in Chinese: a time this week."""
    if is_english():
        return f"{moment:%a %H:%M}"
    names = get_day_names("abbreviated", locale=active_locale())
    return f"{names[moment.weekday()]} {moment:%H:%M}"


def day_time(moment: datetime) -> str:
    """`Thu 03 Dec 16:00` in English, `12月3日周四 16:00` in Chinese."""
    return local_time(moment, "%a %d %b %H:%M", "MMMdEEE")
