"""How a digest reads: one line on a quiet day, otherwise moves, pipeline, attainment, risks, meetings."""
from __future__ import annotations

from datetime import date

from handlers.analytics.risks import reasons
from handlers.analytics.wording import percent
from handlers.i18n import L_, _
from handlers.parsing.money import Money, format_money
from handlers.reply import Fact, Reply, Table
from handlers.schedules import wording
from handlers.schedules.digest_figures import DigestFigures, WonInPeriod

MOVE_LABELS = (("created", L_("Created")), ("advanced", L_("Advanced")), ("won", L_("Won")), ("lost", L_("Lost")))


def money(minor: int, currency: str) -> str:
    return format_money(Money(minor, currency))


def day_name(day: date) -> str:
    return wording.long_day(day)


def digest_reply(figures: DigestFigures, scope_label: str, kind: str, names: dict[int, str],
                 meetings: list[str], scope_word: str = "team") -> Reply:
    """The digest message; `kind` is Manager or Rep."""
    cur = figures.currency
    if figures.quiet_day:
        risks = wording.QUIET_RISKS.format(count=len(figures.at_risk)) if figures.at_risk else ""
        on_day = wording.QUIET_ON_DAY.format(day=day_name(figures.day))
        return Reply(text=wording.QUIET_DAY.format(day=on_day, scope=scope_label,
                                                   open=money(figures.open_minor, cur)) + risks)
    facts = [_activities(figures, names)] + [_move(figures, key, label) for key, label in MOVE_LABELS]
    facts += [Fact(_("Open pipeline"), money(figures.open_minor, cur)),
              Fact(_("Weighted pipeline"), money(figures.weighted_minor, cur))]
    facts += [Fact(_(a.label), _attainment(a, cur)) for a in figures.attainment]
    if figures.bottleneck:
        facts.append(Fact(_("Bottleneck"), _without_label(figures.bottleneck)))
    facts.append(Fact(_("Meetings today"), "; ".join(meetings) if meetings else _("none")))
    title = wording.DIGEST_TITLE.format(kind=wording.digest_kind(kind), scope=scope_label)
    hidden = figures.risk_count - len(figures.at_risk)
    more = wording.MORE_RISKS.format(count=hidden, scope=scope_word) if hidden > 0 else None
    return Reply(text=wording.DIGEST_INTRO.format(scope=scope_label, day=day_name(figures.day)), title=title,
                 facts=tuple(facts), table=risk_table(figures.at_risk, names), footer=more)


def _without_label(sentence: str) -> str:
    """The funnel sentence names itself ("Bottleneck: …", "瓶颈：…"); the fact label already does."""
    for mark in (": ", "："):
        sentence = sentence.removeprefix(_("Bottleneck") + mark)
    return sentence


def _activities(figures: DigestFigures, names: dict[int, str]) -> Fact:
    busy = sorted(figures.activities.items(), key=lambda item: (-item[1], names.get(item[0], "")))
    text = ", ".join(f"{names.get(pid, '?')} {count}" for pid, count in busy if count)
    return Fact(_("Activities"), text or _("none"))


def _move(figures: DigestFigures, key: str, label: str) -> Fact:
    count, amount = figures.moves.get(key, (0, 0))
    return Fact(label, f"{count}" + (f" ({money(amount, figures.currency)})" if count else ""))


def _attainment(row: WonInPeriod, currency: str) -> str:
    won = money(row.won_minor, currency)
    if not row.target_minor:
        return _("{won} won (no target set)").format(won=won)
    share = row.won_minor / row.target_minor
    verdict = _("ahead of pace") if share >= row.pace else _("behind pace")
    return _("{won} of {target} ({share}) — {verdict}, {pace} of the period gone").format(
        won=won, target=money(row.target_minor, currency), share=percent(share), verdict=verdict,
        pace=percent(row.pace))


def risk_table(deals, names: dict[int, str]) -> Table | None:
    if not deals:
        return None
    rows = tuple((f"#{d.number}", d.name, money(d.amount_minor, d.currency), names.get(d.owner_id, "?"),
                  d.stage, "; ".join(reasons(d))) for d in deals)
    return Table((_("At risk"), _("Deal"), _("Amount"), _("Owner"), _("Stage"), _("Why")), rows, "llrlll")
