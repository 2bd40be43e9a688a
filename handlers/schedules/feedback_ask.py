"""`feedback ask` and `feedback template`: creating prompts (one-off or recurring, named or anonymous)."""
from __future__ import annotations

from datetime import time, timedelta

from handlers.call import Call
from handlers.errors import PermissionDenied, UserError
from handlers.i18n import L_, _
from handlers.parsing.tokens import Token
from handlers.parsing.values import parse_duration, parse_time_of_day
from handlers.permissions import is_admin
from handlers.reply import Reply
from handlers.schedules import wording
from handlers.schedules.parse import read_schedule_words
from handlers.schedules.rules import Rule, next_occurrence, stored_rule
from handlers.schedules.targets import here_channel, require_team, sender_team

ASK_KINDS = ("once", "daily", "weekdays", "weekly")
MAX_QUESTION = 300
MAX_CHOICES = 10
DEFAULT_CLOSE = timedelta(days=1)
PULSE = L_("How confident are you in your forecast?")  # stored as asked, in the asker's language
WINLOSS_TITLE = L_("Why did this deal close this way?")
WINLOSS_CHOICES = "price,product fit,relationship,timing,competitor,other"


def ask(call: Call) -> Reply:
    """`feedback ask "<question>" [scale=1-5|yesno|choices="a,b"|text] [anonymous] [rule] [at=] [here|team]`."""
    call.reject_unknown_options(("scale", "choices", "at", "close"))
    question = " ".join(call.arg(0, _("the question")).text.split())
    if not question or len(question) > MAX_QUESTION:
        raise UserError(_("ask a question of at most {count} characters").format(count=MAX_QUESTION), call.usage)
    flags = {t.text.casefold() for t in call.args[1:] if t.text.casefold() in ("yesno", "text", "anonymous")}
    rest = [t for t in call.args[1:] if t.text.casefold() not in flags]
    words = read_schedule_words(rest, ASK_KINDS, ("here", "team"), call.usage)
    if words.at is not None:
        raise UserError(_("give the time as at=HH:MM"), call.usage)
    kind, choices = _answer_kind(call, flags)
    return create_prompt(call, question, kind, choices, "anonymous" in flags, words.kind or "once", words.day,
                         words.target or "here")


def _answer_kind(call: Call, flags: set[str]) -> tuple[str, str | None]:
    given = [k for k in ("scale", "choices") if call.option(k)] + [k for k in ("yesno", "text") if k in flags]
    if len(given) > 1:
        raise UserError(_("choose one kind of answer, not {kinds}").format(kinds=_(" and ").join(given)), call.usage)
    kind = given[0] if given else "scale"
    if kind == "scale":
        return kind, _scale(call.option("scale") or "1-5", call.usage)
    if kind == "choices":
        options = [" ".join(c.split()) for c in call.option("choices").split(",") if c.strip()]
        if not 2 <= len(options) <= MAX_CHOICES or any(len(c) > 40 for c in options):
            raise UserError(_("give 2 to {count} short choices, like choices=\"a,b,c\"").format(count=MAX_CHOICES),
                            call.usage)
        return kind, ",".join(options)
    return kind, None


def _scale(text: str, usage: str) -> str:
    low, _, high = text.partition("-")
    if not (low.isdigit() and high.isdigit() and 0 <= int(low) < int(high) <= 10):
        raise UserError(_("'{text}' is not a scale — write it like scale=1-5 (up to 10)").format(text=text), usage)
    return f"{int(low)}-{int(high)}"


def create_prompt(call: Call, question: str, kind: str, choices: str | None, anonymous: bool, rule_kind: str,
                  rule_day: int | None, target: str, template: str | None = None) -> Reply:
    at = parse_time_of_day(call.option("at")) if call.option("at") else None
    close = parse_duration(call.option("close")) if call.option("close") else DEFAULT_CLOSE
    # A channel prompt still knows its team, so the team's non-responders get their reminder.
    team = require_team(call, _("ask")) if target == "team" else sender_team(call)
    if target == "team" and not (is_admin(call.me) or team.manager_id == call.me.id):
        raise PermissionDenied(_("only the manager of {team} or an admin can ask the whole team").format(
            team=team.name))
    rule, day = _when(call, rule_kind, rule_day, at)
    prompt = call.ws.schedules.add(
        "feedback", owner_id=call.me.id, title=question, rule=rule.kind, rule_day=day,
        at_time=rule.at.strftime("%H:%M"), timezone=call.zone_name, target=target,
        channel_id=here_channel(call) if target == "here" else None, team_id=team.id if team else None,
        answer_kind=kind, choices=choices, anonymous=anonymous, close_minutes=int(close.total_seconds() // 60),
        template=template, created_at=call.now)
    where = (wording.WHERE_HERE if target == "here"
             else _("to each member of {team} by direct message").format(team=team.name))
    return Reply(text=wording.FEEDBACK_ASKED.format(id=prompt.id, question=question, when=_describe(call, prompt),
                                                    where=where, anon=wording.ANON_NOTE if anonymous else ""))


def _when(call: Call, kind: str, day: int | None, at: time | None) -> tuple[Rule, int | None]:
    """A `once` prompt goes out now, or at `at` today (tomorrow when that has passed)."""
    local = call.now.astimezone(call.zone)
    if kind != "once":
        return Rule(kind, at or time(9, 0), day), day
    if at is None:
        at = local.time().replace(second=0, microsecond=0)
        return Rule(kind, at, local.date().toordinal()), local.date().toordinal()
    on = local.date() if at > local.time() else local.date() + timedelta(days=1)
    return Rule(kind, at, on.toordinal()), on.toordinal()


def _describe(call: Call, prompt) -> str:
    if prompt.rule == "once" and prompt.at_time == call.now.astimezone(call.zone).strftime("%H:%M"):
        return _("now")
    found = next_occurrence(stored_rule(prompt), call.zone, call.now - timedelta(minutes=1))
    rule = stored_rule(prompt).describe()
    if found is None:
        return f"{rule} ({call.zone_name})"
    return _("{rule} ({zone}), first on {day}").format(rule=rule, zone=call.zone_name,
                                                       day=wording.short_day(found.starts_at.astimezone(call.zone)))


def template(call: Call) -> Reply:
    """`feedback template pulse [here|team]` or `feedback template winloss`."""
    name = call.arg(0, _("the template (pulse or winloss)")).text.casefold()
    target = call.args[1].text.casefold() if len(call.args) > 1 else None
    if name == "pulse":
        call.options.setdefault("at", Token("16:00"))
        return create_prompt(call, str(PULSE), "scale", "1-5", True, "weekly", 4, target or "team", "pulse")
    if name == "winloss":
        if call.ws.schedules.template("winloss"):
            return Reply(text=_("Win/loss questions are already on."))
        call.ws.schedules.add("feedback", owner_id=call.me.id, title=str(WINLOSS_TITLE),
                              rule="event", target="dm", answer_kind="choices", choices=WINLOSS_CHOICES,
                              close_minutes=7 * 24 * 60, template="winloss", created_at=call.now)
        return Reply(text=_("From now on, whoever owns a deal that is won or lost is asked why. "
                            "`feedback results` on it shows the reasons."))
    raise UserError(_("'{name}' is not a template — try pulse or winloss").format(name=name), call.usage)
