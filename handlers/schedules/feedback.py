"""`feedback list|close|results|answer|comment`: answering prompts and reading their results."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from handlers.call import Call
from handlers.errors import PermissionDenied, UserError
from handlers.i18n import _, pgettext
from handlers.permissions import is_admin, require_may_answer
from handlers.records import Schedule
from handlers.reply import Reply, Table
from handlers.schedules import wording
from handlers.schedules.feedback_view import choices_of, comment_form, results_reply, visible
from handlers.schedules.parse import parse_id
from handlers.schedules.rules import describe_next

MAX_ANSWER = 200
MAX_COMMENT = 1000


def list_prompts(call: Call) -> Reply:
    call.reject_extra_args(0)
    prompts = [p for p in call.ws.schedules.active("feedback") if _may_read(call, p)]
    if not prompts:
        return Reply(text=wording.NO_PROMPTS)
    rows = tuple((f"#{p.id}", p.title, _kind(p), _("event") if p.rule == "event" else
                  describe_next(p, ZoneInfo(p.timezone or "UTC"), call.now), _target(p.target)) for p in prompts)
    return Reply(text=_("{count} open prompt(s).").format(count=len(rows)), title=_("Feedback prompts"),
                 table=Table(("#", _("Question"), _("Answers"), _("When"), _("Where")), rows))


def _kind(prompt: Schedule) -> str:
    kinds = {"yesno": pgettext("answer kind", "yesno"), "choices": pgettext("answer kind", "choices"),
             "text": pgettext("answer kind", "text")}
    kind = (_("scale {range}").format(range=prompt.choices) if prompt.answer_kind == "scale"
            else kinds.get(prompt.answer_kind, prompt.answer_kind))
    return kind + (_(", anonymous") if prompt.anonymous else "")


def _target(word: str | None) -> str | None:
    """Where a prompt posts, in the reader's words (the stored word is the one people type)."""
    names = {"here": _("this channel"), "team": _("team"), "dm": _("direct message")}
    # English lists have always shown the typed word itself (`here`, `team`).
    return word if wording.is_english() else names.get(word, word)


def _may_read(call: Call, prompt: Schedule) -> bool:
    """The asker, the manager of the prompt's team, and admins read results and manage a prompt."""
    if is_admin(call.me) or prompt.owner_id == call.me.id:
        return True
    team = call.ws.teams.get(prompt.team_id) if prompt.team_id else None
    return bool(team and team.manager_id == call.me.id)


def _prompt(call: Call) -> Schedule:
    prompt = call.ws.schedules.get("feedback", parse_id(call.arg(0, _("the prompt")), _("a prompt"), call.usage))
    call.reject_extra_args(1)
    if prompt is None:
        raise UserError(_("there is no such prompt — `feedback list` shows them"))
    if not _may_read(call, prompt):
        raise PermissionDenied(_("only whoever asked, their team's manager or an admin can see or close it"))
    return prompt


def close_prompt(call: Call) -> Reply:
    prompt = _prompt(call)
    if not prompt.active:
        raise UserError(_("prompt #{id} is already closed").format(id=prompt.id))
    for round_ in call.ws.feedback.open_rounds(prompt.id):
        call.ws.feedback.close(round_, call.now, prompt.anonymous)
    call.ws.schedules.end(prompt, call.now)
    results = results_for(call, prompt)
    return Reply(text=f"{wording.FEEDBACK_CLOSED.format(id=prompt.id)} {results.text}", title=results.title,
                 facts=results.facts, table=results.table)


def show_results(call: Call) -> Reply:
    return results_for(call, _prompt(call))


def results_for(call: Call, prompt: Schedule) -> Reply:
    if prompt.template == "winloss":
        return _reasons(call, prompt)
    rounds = call.ws.feedback.rounds_of(prompt.id)
    counts = call.ws.feedback.counts([r.id for r in rounds])
    latest = counts.get(rounds[-1].id, {}) if rounds else {}
    comments = call.ws.feedback.comments(rounds[-1].id) if rounds and visible(prompt, latest) else []
    return results_reply(prompt, rounds, counts, comments, _named(call, prompt, rounds))


def _named(call: Call, prompt: Schedule, rounds: list) -> list[str]:
    """Who answered what in the latest round of a named (not anonymous) prompt."""
    if prompt.anonymous or not rounds:
        return []
    names = []
    for person_id, value in call.ws.feedback.named_answers(rounds[-1].id):
        person = call.ws.people.get(person_id)
        names.append(f"{person.display_name if person else '?'}: {wording.answer_label(value)}")
    return sorted(names)


def _reasons(call: Call, prompt: Schedule) -> Reply:
    """Win/loss: every deal is its own round, so the reasons are summed over the latest hundred deals."""
    rounds = call.ws.feedback.rounds_of(prompt.id, limit=100)
    total: dict[str, int] = {}
    for counts in call.ws.feedback.counts([r.id for r in rounds]).values():
        for value, count in counts.items():
            total[value] = total.get(value, 0) + count
    reply = results_reply(prompt, rounds[-1:], {r.id: total for r in rounds[-1:]}, [])
    return Reply(text=_("Reasons given for {count} won or lost deal(s).").format(count=len(rounds)), title=reply.title,
                 facts=reply.facts, table=reply.table)


def answer(call: Call) -> Reply:
    """`feedback answer <question #> <value> [comment="..."]` — what the prompt's buttons run."""
    call.reject_unknown_options(("comment",))
    prompt_id = parse_id(call.arg(0, _("the question number")), _("a question"), call.usage)
    value = " ".join(call.arg(1, _("your answer")).text.split())
    call.reject_extra_args(2)
    return record_answer(call, prompt_id, value, call.option("comment"))


def current_round(call: Call, prompt_id: int):
    """The prompt and the round of it the sender answers now: the latest open one asked of them (a win/loss
    round is asked of one person; others of everyone)."""
    prompt = call.ws.schedules.get("feedback", prompt_id)
    if prompt is None:
        raise UserError(_("there is no question #{id} — `feedback list` shows them").format(id=prompt_id))
    mine = [r for r in call.ws.feedback.open_rounds(prompt.id) if r.recipient_id in (None, call.me.id)]
    if not mine:
        raise UserError(wording.ROUND_CLOSED)
    return prompt, max(mine, key=lambda r: r.id)


def record_answer(call: Call, prompt_id: int, value: str, comment: str | None) -> Reply:
    prompt, round_ = current_round(call, prompt_id)
    require_may_answer(call, prompt, round_)
    if round_.closed_at is not None or call.now >= round_.closes_at:
        raise UserError(wording.ROUND_CLOSED)
    value = _valid_value(prompt, value, call.usage)
    if comment is not None and len(comment) > MAX_COMMENT:
        raise UserError(_("keep the comment under {count} characters").format(count=MAX_COMMENT), call.usage)
    outcome = call.ws.feedback.answer(round_, call.me.id, value, comment, prompt.anonymous, call.now)
    if outcome == "already":
        return Reply(text=wording.ANSWER_FINAL)
    if outcome == "replaced":
        return Reply(text=wording.ANSWER_REPLACED.format(value=wording.answer_label(value)))
    again = wording.ANON_SAVED if prompt.anonymous else wording.NAMED_SAVED
    return Reply(text=wording.ANSWER_SAVED.format(value=wording.answer_label(value), again=again))


def _valid_value(prompt: Schedule, value: str, usage: str) -> str:
    choices = choices_of(prompt)
    if not choices:
        if not value or len(value) > MAX_ANSWER:
            raise UserError(_("answer in at most {count} characters").format(count=MAX_ANSWER), usage)
        return value
    # An answer may be typed as the reader's own word for it (`是`, `价格`); it is stored as the choice.
    by_key = {wording.answer_label(c).casefold(): c for c in choices} | {c.casefold(): c for c in choices}
    if value.casefold() not in by_key:
        raise UserError(_("'{value}' is not one of the answers: {choices}").format(
            value=value, choices=", ".join(wording.answer_label(c) for c in choices)), usage)
    return by_key[value.casefold()]


def comment(call: Call) -> Reply:
    """`feedback comment <round>`: the answer form with a comment field (a modal in Slack, a card in Teams)."""
    prompt, round_ = current_round(call, parse_id(call.arg(0, _("the question number")), _("a question"),
                                                  call.usage))
    require_may_answer(call, prompt, round_)
    return Reply(text=prompt.title, title=_("Feedback"), form=comment_form(prompt, round_))


def submit_form(call: Call, raw: dict[str, str]) -> Reply:
    values = {key: (raw.get(key) or "").strip() for key in ("round", "answer", "comment")}
    if not values["round"].isdigit():
        return Reply(text=_("That form is no longer valid — press the button on the question again."), is_error=True)
    try:
        return record_answer(call, int(values["round"]), values["answer"], values["comment"] or None)
    except UserError as error:
        prompt = call.ws.schedules.get("feedback", int(values["round"]))
        round_ = max(call.ws.feedback.open_rounds(prompt.id), key=lambda r: r.id, default=None) if prompt else None
        if round_ is None:
            raise
        form = comment_form(prompt, round_, values, {"answer": error.message})
        return Reply(text=error.message, form=form, is_error=True)

