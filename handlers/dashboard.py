"""`dashboard [team]`: a person's open deals, this week's activity and targets; a manager's team at a glance."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from handlers.call import Call
from handlers.errors import UserError
from handlers.parsing.money import Money, format_money
from handlers.reply import Fact, Reply, Table

# How a target's metric is measured; amounts are minor units of the workspace currency.
AMOUNT_METRICS = frozenset({"won_value", "revenue", "won", "won_amount", "bookings", "sales"})
COUNT_METRICS = frozenset({"deals", "deals_won", "won_deals", "won_count"})
ACTIVITY_METRICS = {"activities": None, "calls": "call", "emails": "email", "meetings": "meeting",
                    "demos": "demo", "visits": "visit"}


def show_dashboard(call: Call) -> Reply:
    """`dashboard` (yours) or `dashboard team` (the teams you manage)."""
    call.reject_unknown_options(())
    word = call.args[0].text.casefold() if call.args else "mine"
    call.reject_extra_args(1)
    if word not in ("mine", "team"):
        raise UserError(f"'{word}' is not mine or team", call.usage)
    return team_dashboard(call) if word == "team" else my_dashboard(call)


def week_start(call: Call) -> datetime:
    """Monday 00:00 of this week in the sender's timezone."""
    monday = call.today - timedelta(days=call.today.weekday())
    return datetime.combine(monday, time(), call.zone)


def _money(call: Call, minor: int) -> str:
    return format_money(Money(minor, call.workspace.currency))


def my_dashboard(call: Call) -> Reply:
    me, currency = call.me, call.workspace.currency
    totals = [t for t in call.ws.deals.pipeline({me.id}) if t.currency == currency]
    order = {s.name: s.position for s in call.ws.stages.all()}
    rows = tuple((t.stage, str(t.count), _money(call, t.amount_minor))
                 for t in sorted(totals, key=lambda t: order.get(t.stage, 99)))
    count, value = sum(t.count for t in totals), sum(t.amount_minor for t in totals)
    logged = call.ws.dashboard.activity_counts({me.id}, week_start(call)).get(me.id, {})
    facts = [Fact("Logged this week", _kinds(logged))] + _target_facts(call)
    text = f"You have {count} open deal{'s' if count != 1 else ''} worth {_money(call, value)}." if count \
        else "You have no open deals. Add one with `deal add \"Name\" 12k`."
    table = Table(("Stage", "Deals", "Value"), rows, "lrr") if rows else None
    return Reply(text=text, title=f"{me.display_name}'s dashboard", facts=tuple(facts), table=table)


def _kinds(counts: dict[str, int]) -> str:
    if not counts:
        return "nothing yet"
    return ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(counts.items()))


def _target_facts(call: Call) -> list[Fact]:
    """Target and attainment for each current target of the sender or their teams."""
    teams = call.ws.teams.teams_of(call.me)
    facts = []
    for target in call.ws.dashboard.targets_on(call.today, call.me.id, [t.id for t in teams]):
        owners = {call.me.id} if target.person_id else call.ws.teams.member_ids(
            [t for t in teams if t.id == target.team_id])
        what = target.metric.replace("_", " ").capitalize()
        label = f"{what} target ({target.period_label}{', team' if target.team_id else ''})"
        facts.append(Fact(label, _attainment(call, target, owners)))
    return facts


def _attainment(call: Call, target, owners: set[int]) -> str:
    metric = target.metric.casefold()
    start, end = _period(call, target.period_start, target.period_end)
    if metric in AMOUNT_METRICS or metric in COUNT_METRICS:
        won = [t for t in call.ws.dashboard.won_by_owner(owners, start, end) if t.currency == call.workspace.currency]
        if metric in COUNT_METRICS:
            return _ratio(sum(t.count for t in won), target.value, str)
        return _ratio(sum(t.amount_minor for t in won), target.value, lambda v: _money(call, v))
    if metric in ACTIVITY_METRICS:
        counts = call.ws.dashboard.activity_counts(owners, start, ACTIVITY_METRICS[metric])
        return _ratio(sum(sum(c.values()) for c in counts.values()), target.value, str)
    return f"{target.value} {target.metric}"


def _period(call: Call, first: date, last: date) -> tuple[datetime, datetime]:
    zone = call.zone
    return datetime.combine(first, time(), zone), datetime.combine(last + timedelta(days=1), time(), zone)


def _ratio(done: int, goal: int, show) -> str:
    percent = f" ({done * 100 // goal}%)" if goal > 0 else ""
    return f"{show(done)} of {show(goal)}{percent}"


def team_dashboard(call: Call) -> Reply:
    """One row per member of the teams the sender manages: open deals, won this month, activity this week."""
    teams = call.ws.teams.managed_by(call.me)
    if not teams:
        raise UserError("you do not manage a team — `dashboard` shows your own numbers")
    ids = call.ws.teams.member_ids(teams)
    currency = call.workspace.currency
    month = datetime.combine(call.today.replace(day=1), time(), call.zone)
    open_ = {t.owner_id: t for t in call.ws.dashboard.open_by_owner(ids) if t.currency == currency}
    won = {t.owner_id: t for t in call.ws.dashboard.won_by_owner(ids, month, call.now + timedelta(seconds=1))
           if t.currency == currency}
    logged = call.ws.dashboard.activity_counts(ids, week_start(call))
    people = sorted((p for p in call.ws.people.all() if p.id in ids), key=lambda p: p.display_name.casefold())
    rows = tuple(_member_row(call, p, open_.get(p.id), won.get(p.id), logged.get(p.id, {})) for p in people)
    names = ", ".join(t.name for t in teams)
    return Reply(text=f"{names}: {len(people)} people.", title="Your team",
                 table=Table(("Person", "Open", "Pipeline", "Won this month", "Activities this week"), rows,
                             "lrrrr"), footer=f"Amounts in {currency}.")


def _member_row(call: Call, person, open_total, won_total, logged: dict) -> tuple[str, ...]:
    return (person.display_name, str(open_total.count if open_total else 0),
            _money(call, open_total.amount_minor if open_total else 0),
            _money(call, won_total.amount_minor if won_total else 0), str(sum(logged.values())))
