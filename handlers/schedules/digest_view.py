"""How a digest reads: one line on a quiet day, otherwise moves, pipeline, attainment, risks, meetings."""
from __future__ import annotations

from datetime import date

from handlers.analytics.risks import reasons
from handlers.analytics.wording import percent
from handlers.parsing.money import Money, format_money
from handlers.reply import Fact, Reply, Table
from handlers.schedules import wording
from handlers.schedules.digest_figures import DigestFigures, WonInPeriod

MOVE_LABELS = (("created", "Created"), ("advanced", "Advanced"), ("won", "Won"), ("lost", "Lost"))


def money(minor: int, currency: str) -> str:
    return format_money(Money(minor, currency))


def day_name(day: date) -> str:
    return f"{day:%A %d %b}"


def digest_reply(figures: DigestFigures, scope_label: str, kind: str, names: dict[int, str],
                 meetings: list[str], scope_word: str = "team") -> Reply:
    """The digest message; `kind` is Manager or Rep."""
    cur = figures.currency
    if figures.quiet_day:
        risks = wording.QUIET_RISKS.format(count=len(figures.at_risk)) if figures.at_risk else ""
        return Reply(text=wording.QUIET_DAY.format(day=f"on {day_name(figures.day)}", scope=scope_label,
                                                   open=money(figures.open_minor, cur)) + risks)
    facts = [_activities(figures, names)] + [_move(figures, key, label) for key, label in MOVE_LABELS]
    facts += [Fact("Open pipeline", money(figures.open_minor, cur)),
              Fact("Weighted pipeline", money(figures.weighted_minor, cur))]
    facts += [Fact(a.label, _attainment(a, cur)) for a in figures.attainment]
    if figures.bottleneck:
        # The funnel sentence names itself ("Bottleneck: …"); the fact label already does.
        facts.append(Fact("Bottleneck", figures.bottleneck.removeprefix("Bottleneck: ")))
    facts.append(Fact("Meetings today", "; ".join(meetings) if meetings else "none"))
    title = wording.DIGEST_TITLE.format(kind=kind, scope=scope_label)
    hidden = figures.risk_count - len(figures.at_risk)
    more = wording.MORE_RISKS.format(count=hidden, scope=scope_word) if hidden > 0 else None
    return Reply(text=wording.DIGEST_INTRO.format(scope=scope_label, day=day_name(figures.day)), title=title,
                 facts=tuple(facts), table=risk_table(figures.at_risk, names), footer=more)


def _activities(figures: DigestFigures, names: dict[int, str]) -> Fact:
    busy = sorted(figures.activities.items(), key=lambda item: (-item[1], names.get(item[0], "")))
    text = ", ".join(f"{names.get(pid, '?')} {count}" for pid, count in busy if count)
    return Fact("Activities", text or "none")


def _move(figures: DigestFigures, key: str, label: str) -> Fact:
    count, amount = figures.moves.get(key, (0, 0))
    return Fact(label, f"{count}" + (f" ({money(amount, figures.currency)})" if count else ""))


def _attainment(row: WonInPeriod, currency: str) -> str:
    won = money(row.won_minor, currency)
    if not row.target_minor:
        return f"{won} won (no target set)"
    share = row.won_minor / row.target_minor
    verdict = "ahead of pace" if share >= row.pace else "behind pace"
    return (f"{won} of {money(row.target_minor, currency)} ({percent(share)}) — {verdict}, "
            f"{percent(row.pace)} of the period gone")


def risk_table(deals, names: dict[int, str]) -> Table | None:
    if not deals:
        return None
    rows = tuple((f"#{d.number}", d.name, money(d.amount_minor, d.currency), names.get(d.owner_id, "?"),
                  d.stage, "; ".join(reasons(d))) for d in deals)
    return Table(("At risk", "Deal", "Amount", "Owner", "Stage", "Why"), rows, "llrlll")
