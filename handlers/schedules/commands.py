"""The schedules command table: digests, meetings, feedback, nudges and quiet hours."""
from __future__ import annotations

from handlers.registry import CommandSpec
from handlers.schedules import digest, feedback, feedback_ask, meetings, nudges, quiet
from handlers.schedules.feedback_view import FORM_ID as FEEDBACK_FORM_ID

SCHEDULE_COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("digest subscribe", digest.subscribe, "digest subscribe [daily|weekdays|weekly <day>] [<HH:MM>] "
                "[here|dm]", "Get your KPI digest every morning (default weekdays 08:00, by DM)",
                "digest subscribe weekdays 08:00 dm"),
    CommandSpec("digest unsubscribe", digest.unsubscribe, "digest unsubscribe", "Stop your digest",
                "digest unsubscribe"),
    CommandSpec("digest preview", digest.preview, "digest preview", "Your digest as it would be posted now",
                "digest preview"),
    CommandSpec("digest list", digest.list_digests, "digest list", "When your digest comes, and where",
                "digest list"),
    CommandSpec("digest charts", digest.set_charts, "digest charts on|off",
                "Attach the won-vs-target chart to digests (admins)", "digest charts on"),
    CommandSpec("meeting add", meetings.add_meeting, 'meeting add "<title>" <daily|weekdays|weekly <day>|'
                "monthly <n>> <HH:MM> [remind=30m] [here|team] [agenda=forecast|agenda=scorecard with=@person]",
                "A recurring meeting and its agenda; a 1:1's is the scorecard, by DM",
                'meeting add "Pipeline review" weekly mon 09:00 remind=30m'),
    CommandSpec("meeting list", meetings.list_meetings, "meeting list", "Meetings and their next occurrence",
                "meeting list"),
    CommandSpec("meeting cancel", meetings.cancel_meeting, "meeting cancel <id>", "Stop a meeting's reminders",
                "meeting cancel 3"),
    CommandSpec("meeting skip", meetings.skip_meeting, "meeting skip <id>", "Skip the next occurrence only",
                "meeting skip 3"),
    CommandSpec("feedback ask", feedback_ask.ask, 'feedback ask "<question>" [scale=1-5|yesno|choices="a,b,c"|'
                "text] [anonymous] [once|daily|weekly <day>] [at=<HH:MM>] [here|team] [close=<duration>]",
                "Ask the team a question, once or on a schedule",
                'feedback ask "Confidence?" scale=1-5 anonymous weekly fri at=16:00'),
    CommandSpec("feedback template", feedback_ask.template, "feedback template pulse|winloss [here|team]",
                "Turn on the weekly forecast pulse or the win/loss question", "feedback template pulse"),
    CommandSpec("feedback list", feedback.list_prompts, "feedback list", "Open feedback prompts", "feedback list"),
    CommandSpec("feedback close", feedback.close_prompt, "feedback close <id>", "Close a prompt and see results",
                "feedback close 4"),
    CommandSpec("feedback results", feedback.show_results, "feedback results <id>",
                "Distribution, mean, trend and comments of a prompt", "feedback results 4"),
    CommandSpec("feedback answer", feedback.answer, 'feedback answer <question #> <answer> [comment="..."]',
                "Answer a question (the buttons run this)", "feedback answer 7 4", private=True),
    CommandSpec("feedback comment", feedback.comment, "feedback comment <question #>",
                "Answer with a comment", "feedback comment 7", private=True),
    CommandSpec("nudges", nudges.set_nudges, "nudges on [<HH:MM>]|off",
                "Daily at-risk reminders for every rep (admins)", "nudges on 09:30"),
    CommandSpec("quiet", quiet.set_quiet, "quiet [<from HH:MM>-<until HH:MM> [weekends]|off|default]",
                "Your quiet hours, overnight (default 19:00-08:00 and all weekend)",
                "quiet 22:00-07:00"),
)

SCHEDULE_FORMS = {FEEDBACK_FORM_ID: ("feedback answer", feedback.submit_form)}
