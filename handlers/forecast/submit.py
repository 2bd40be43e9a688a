"""`forecast submit`, its form (the prompt's Adjust button), and `forecast adjust` (a manager's own number)."""
from __future__ import annotations

from handlers.analytics.periods import Period, is_period_word
from handlers.call import Call
from handlers.errors import PermissionDenied, UserError
from handlers.forecast import wording
from handlers.forecast.args import forecast_period, parse_home_amount
from handlers.forecast.results import Rollup, rollup
from handlers.forecast.view import short_money
from handlers.lookup import find_person
from handlers.parsing.money import currency_exponent
from handlers.parsing.tokens import Token
from handlers.permissions import is_admin, managed_ids
from handlers.records import Person
from handlers.reply import Form, FormField, Reply

FORM_ID = "forecast.submit"
MAX_NOTE = 500


def submit_forecast(call: Call) -> Reply:
    """`forecast submit [commit=<amount>] [best=<amount>] [period] ["note"]`."""
    call.reject_unknown_options(("commit", "best"))
    period, note = _period_and_note(call, call.args)
    commit = parse_home_amount(call, call.option("commit")) if call.option("commit") else None
    best = parse_home_amount(call, call.option("best")) if call.option("best") else None
    return record_submission(call, period, commit, best, note)


def record_submission(call: Call, period: Period, commit: int | None, best: int | None, note: str) -> Reply:
    scope, owner_ids = submitter_scope(call)
    computed = computed_rollup(call, owner_ids, period)
    as_computed = commit is None and best is None
    commit = computed.commit if commit is None else commit
    best = max(computed.best_case, commit) if best is None else best
    if best < commit:
        raise UserError(wording.SUBMIT_BEST_BELOW.format(best=short_money(call, best),
                                                         commit=short_money(call, commit)), call.usage)
    call.ws.forecast.submit(person_id=call.me.id, scope=scope, window=period, commit_minor=commit, best_minor=best,
                            note=note, as_computed=as_computed, by_id=call.me.id, at=call.now)
    call.ws.audit.record(call.me.id, "forecast.submit", "person", call.me.id, call.now, period=period.label,
                         scope=scope, commit=commit, best=best)
    whose = wording.FOR_YOUR_TEAM if scope == "team" else ""
    return Reply(text=wording.SUBMIT_DONE.format(period=period.label, whose=whose, commit=short_money(call, commit),
                                                 best=short_money(call, best),
                                                 computed=wording.SUBMIT_COMPUTED if as_computed else ""))


def submitter_scope(call: Call) -> tuple[str, set[int]]:
    """A rep submits for themselves; a manager for the teams they manage (which rolls up to the admins)."""
    if is_admin(call.me):
        raise PermissionDenied(wording.SUBMIT_ADMIN)
    teams = call.ws.teams.managed_by(call.me) if call.me.role == "manager" else []
    if teams:
        return "team", set(call.ws.teams.member_ids(teams))
    return "own", {call.me.id}


def computed_rollup(call: Call, owner_ids: set[int], period: Period) -> Rollup:
    return rollup(call.ws.forecast.category_sums(owner_ids, period))


def _period_and_note(call: Call, tokens: list[Token]) -> tuple[Period, str]:
    """A period word and a quoted note, in either order; anything else is refused."""
    period_text = note = None
    for token in tokens:
        if not token.quoted and is_period_word(token.text) and period_text is None:
            period_text = token.text
        elif token.quoted and note is None:
            note = " ".join(token.text.split())
        else:
            raise UserError(wording.NOT_EXPECTED.format(word=token.text), call.usage)
    if note and len(note) > MAX_NOTE:
        raise UserError(wording.NOTE_TOO_LONG.format(limit=MAX_NOTE), call.usage)
    return forecast_period(call, period_text), note or ""


def show_form(call: Call) -> Reply:
    """`forecast form [period]`: the submission form with the computed roll-up filled in."""
    call.reject_unknown_options(())
    period, _ = _period_and_note(call, call.args)
    _, owner_ids = submitter_scope(call)
    computed = computed_rollup(call, owner_ids, period)
    values = {"period": period.label, "commit": plain_amount(call, computed.commit),
              "best": plain_amount(call, computed.best_case)}
    return Reply(text=wording.PROMPT_TITLE, title=wording.FORM_TITLE, form=submission_form(values))


def plain_amount(call: Call, minor: int) -> str:
    """An amount as a person would type it back (12000.50), so the form can be sent unchanged."""
    exponent = currency_exponent(call.workspace.currency)
    major, fraction = divmod(minor, 10 ** exponent)
    return f"{major}.{fraction:0{exponent}d}" if fraction else str(major)


def submission_form(values: dict[str, str], errors: dict[str, str] | None = None) -> Form:
    errors = errors or {}
    field = lambda name, label, kind="text", required=False: FormField(  # noqa: E731
        name, label, kind, required, value=values.get(name, ""), error=errors.get(name))
    return Form(FORM_ID, str(wording.FORM_TITLE), str(wording.FORM_SUBMIT), (
        field("period", str(wording.FORM_LABELS["period"]), required=True),
        field("commit", str(wording.FORM_LABELS["commit"]), "amount", True),
        field("best", str(wording.FORM_LABELS["best"]), "amount", True),
        field("note", str(wording.FORM_LABELS["note"]))))


def submit_form(call: Call, raw: dict[str, str]) -> Reply:
    """The form's fields, checked all at once; mistakes come back inside the form."""
    values = {key: (raw.get(key) or "").strip() for key in ("period", "commit", "best", "note")}
    errors, parsed = {}, {}
    readers = {"period": lambda text: forecast_period(call, text or None),
               "commit": lambda text: parse_home_amount(call, text), "best": lambda text: parse_home_amount(call, text)}
    for key, read in readers.items():
        try:
            parsed[key] = read(values[key])
        except UserError as error:
            errors[key] = str(error.message)  # a module-level message: plain text in the reader's language
    if len(values["note"]) > MAX_NOTE:
        errors["note"] = wording.NOTE_TOO_LONG.format(limit=MAX_NOTE)
    if errors:
        return Reply(text=next(iter(errors.values())), form=submission_form(values, errors), is_error=True)
    try:
        return record_submission(call, parsed["period"], parsed["commit"], parsed["best"], values["note"])
    except PermissionDenied:
        raise
    except UserError as error:
        return Reply(text=error.message, form=submission_form(values, {"best": str(error.message)}), is_error=True)


def adjust_forecast(call: Call) -> Reply:
    """`forecast adjust @person|team commit=<amount> [best=<amount>] ["why"]` (managers and admins)."""
    call.reject_unknown_options(("commit", "best"))
    subject, scope = _subject(call, call.arg(0, str(wording.ARG_WHOSE)))
    period, note = _period_and_note(call, call.args[1:])
    if not call.option("commit"):
        raise UserError(wording.ADJUST_NEEDS_COMMIT, call.usage)
    commit = parse_home_amount(call, call.option("commit"))
    best = parse_home_amount(call, call.option("best")) if call.option("best") else None
    if best is not None and best < commit:
        raise UserError(wording.SUBMIT_BEST_BELOW.format(best=short_money(call, best),
                                                         commit=short_money(call, commit)), call.usage)
    call.ws.forecast.adjust(person_id=subject.id, scope=scope, window=period, commit_minor=commit, best_minor=best,
                            note=note, by_id=call.me.id, at=call.now)
    call.ws.audit.record(call.me.id, "forecast.adjust", "person", subject.id, call.now, period=period.label,
                         scope=scope, commit=commit, best=best)
    who = wording.TEAM_OF_PERSON.format(name=subject.display_name) if scope == "team" else subject.display_name
    shown_best = "" if best is None else wording.ADJUSTED_BEST.format(best=short_money(call, best))
    return Reply(text=wording.ADJUST_DONE.format(who=who, period=period.label, commit=short_money(call, commit),
                                                 best=shown_best))


def _subject(call: Call, token: Token) -> tuple[Person, str]:
    """Whose number: `team` is the sender's team; a manager named is their team; anyone else themselves."""
    if call.me.role == "rep":
        raise PermissionDenied(wording.ADJUST_REP)
    if token.text.casefold() == "team":
        if not call.ws.teams.managed_by(call.me):
            raise UserError(wording.NO_TEAM_TO_ADJUST, call.usage)
        return call.me, "team"
    if not token.text.startswith("@"):
        raise UserError(wording.NOT_EXPECTED.format(word=token.text), call.usage)
    person = find_person(call, token)
    scope = "team" if person.role == "manager" and call.ws.teams.managed_by(person) else "own"
    if not is_admin(call.me) and (person.id == call.me.id or person.id not in managed_ids(call, call.me)):
        raise PermissionDenied(wording.ADJUST_DENIED.format(who=person.display_name))
    return person, scope
