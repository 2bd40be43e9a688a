"""How feedback looks: the prompt with its buttons, the comment form, and the results."""
from __future__ import annotations

from datetime import date

from handlers.i18n import _
from handlers.i18n.dates import format_day
from handlers.records import FeedbackRound, Schedule
from handlers.reply import Action, Fact, Form, FormField, Reply, Table
from handlers.schedules import wording

FORM_ID = "feedback.answer"
MIN_ANONYMOUS = 3
YESNO = ("yes", "no")


def choices_of(prompt: Schedule) -> tuple[str, ...]:
    """The allowed answers; an empty tuple means free text."""
    if prompt.answer_kind == "scale":
        low, high = (int(part) for part in (prompt.choices or "1-5").split("-"))
        return tuple(str(value) for value in range(low, high + 1))
    if prompt.answer_kind == "yesno":
        return YESNO
    if prompt.answer_kind == "choices":
        return tuple(c for c in (prompt.choices or "").split(",") if c)
    return ()


def prompt_reply(prompt: Schedule, round_: FeedbackRound, text: str | None = None, public: bool = False) -> Reply:
    """The question with one button per answer and a way to add a comment (a modal / card input)."""
    choices = choices_of(prompt)
    # The prompt's own number, as `feedback list` and `feedback results` show it; the answer goes to its open round.
    actions = tuple(Action(wording.answer_label(choice), f'feedback answer {prompt.id} "{choice}"',
                           "primary" if i == 0 else "default") for i, choice in enumerate(choices))
    actions += (Action(_("Answer with a comment"), f"feedback comment {prompt.id}"),)
    note = str(wording.ANON_NOTE).strip() if prompt.anonymous else None
    return Reply(text=text or prompt.title, title=_("Feedback #{id}").format(id=prompt.id), actions=actions,
                 public=public, footer=note,
                 form=None if choices else comment_form(prompt, round_))


def comment_form(prompt: Schedule, round_: FeedbackRound, values: dict | None = None,
                 errors: dict | None = None) -> Form:
    values, errors = values or {}, errors or {}
    choices = choices_of(prompt)
    labels = tuple(wording.answer_label(c) for c in choices)
    answer = (FormField("answer", prompt.title, "choice", True, labels, values.get("answer", ""),
                        error=errors.get("answer")) if choices
              else FormField("answer", prompt.title, "text", True, value=values.get("answer", ""),
                             error=errors.get("answer")))
    return Form(FORM_ID, _("Feedback"), _("Send"), (
        FormField("round", _("Question number"), value=str(prompt.id), required=True, error=errors.get("round")),
        answer,
        FormField("comment", _("Comment (optional)"), value=values.get("comment", ""), error=errors.get("comment"))))


def mean(counts: dict[str, int]) -> float | None:
    numeric = {int(k): n for k, n in counts.items() if k.lstrip("-").isdigit()}
    total = sum(numeric.values())
    return sum(k * n for k, n in numeric.items()) / total if total else None


def visible(prompt: Schedule, counts: dict[str, int]) -> bool:
    """Anonymous results stay hidden until enough people answered that no single answer stands out."""
    return not prompt.anonymous or sum(counts.values()) >= MIN_ANONYMOUS


def results_reply(prompt: Schedule, rounds: list[FeedbackRound], counts: dict[int, dict[str, int]],
                  comments: list[str], named: list[str] = ()) -> Reply:
    """Distribution of the latest round, the mean for scales, the trend across rounds, and comments."""
    if not rounds:
        return Reply(text=_("Prompt #{id} “{title}” has not been asked yet.").format(id=prompt.id, title=prompt.title))
    latest = counts.get(rounds[-1].id, {})
    total = sum(latest.values())
    title = _("Results: {title}").format(title=prompt.title)
    if not visible(prompt, latest):
        return Reply(text=wording.TOO_FEW.format(minimum=MIN_ANONYMOUS, count=total), title=title)
    facts = [Fact(_("Answers"), str(total))]
    average = mean(latest) if prompt.answer_kind == "scale" else None
    if average is not None:
        facts.append(Fact(_("Mean"), f"{average:.1f}"))
    if len(rounds) > 1:
        facts.append(Fact(_("Trend"), " → ".join(_trend_point(prompt, counts.get(r.id, {})) for r in rounds)))
    if named:
        facts.append(Fact(_("Who answered"), ", ".join(named)))
    if comments:
        facts.append(Fact(_("Comments"), " | ".join(f"“{c}”" for c in comments)))
    text = _("Prompt #{id}, {occurrence}.").format(id=prompt.id, occurrence=_occurrence(rounds[-1]))
    return Reply(text=text, title=title, facts=tuple(facts),
                 table=_distribution(prompt, latest))


def _occurrence(round_: FeedbackRound) -> str:
    """A round's day as the locale writes it (a win/loss round is named by its deal instead)."""
    try:
        return format_day(date.fromisoformat(round_.occurrence))
    except ValueError:
        return round_.occurrence


def _trend_point(prompt: Schedule, counts: dict[str, int]) -> str:
    if not visible(prompt, counts):
        return "—"
    average = mean(counts) if prompt.answer_kind == "scale" else None
    return f"{average:.1f}" if average is not None else str(sum(counts.values()))


def _distribution(prompt: Schedule, counts: dict[str, int]) -> Table:
    order = list(choices_of(prompt)) or sorted(counts)
    total = sum(counts.values()) or 1
    rows = tuple((wording.answer_label(value), str(counts.get(value, 0)),
                  "█" * round(10 * counts.get(value, 0) / total))
                 for value in order + [v for v in counts if v not in order])
    return Table((_("Answer"), _("Count"), ""), rows, "lrl")
