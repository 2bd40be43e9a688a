"""`dashboard [team]`: a person's open deals, this week's activity and targets; a manager's team at a glance.

Every number is an analytics number (`ws.analytics`, periods in the workspace's timezone, the metrics of
`target set`), so a target's attainment here is the one `kpi` shows for the same person or team and period.
"""
from __future__ import annotations

from datetime import timedelta

from handlers.analytics import wording
from handlers.analytics.args import workspace_today, workspace_zone
from handlers.analytics.kpi import value_text
from handlers.analytics.periods import Period, parse_period
from handlers.analytics.results import ActivityCount, KpiReport, TargetValue
from handlers.call import Call
from handlers.errors import UserError
from handlers.fx import conversion_note, join_footer
from handlers.i18n import L_, active_locale
from handlers.parsing.money import Money, format_money
from handlers.permissions import may_read
from handlers.records import Team
from handlers.reply import Fact, Reply, Table
from handlers.scope import Scope

NOT_MINE_OR_TEAM = L_("'{word}' is not mine or team")
NO_TEAM = L_("you do not manage a team — `dashboard` shows your own numbers")
OPEN_DEALS = L_("You have {count} open {deals} worth {value}.")
NO_OPEN_DEALS = L_("You have no open deals. Add one with `deal add \"Name\" 12k`.")
TITLE = L_("{name}'s dashboard")
LOGGED = L_("Logged this week")
NOTHING_LOGGED = L_("nothing yet")
TARGET_LABEL = L_("{metric} target ({period}{team})")
TARGET_OF_TEAM = L_(", team")
TARGET_VALUE = L_("{actual} of {target} ({attained})")
TEAM_TEXT = L_("{teams}: {count} people.")
TEAM_TITLE = L_("Your team")
TEAM_HEADERS = (L_("Person"), L_("Open"), L_("Pipeline"), L_("Won this month"), L_("Activities this week"))
TEAM_FOOTER = L_("Amounts in {currency}.")
DEAL_HEADERS = (L_("Stage"), L_("Deals"), L_("Value"))


def show_dashboard(call: Call) -> Reply:
    """`dashboard` (yours) or `dashboard team` (the teams you manage)."""
    call.reject_unknown_options(())
    word = call.args[0].text.casefold() if call.args else "mine"
    call.reject_extra_args(1)
    if word not in ("mine", "team"):
        raise UserError(NOT_MINE_OR_TEAM.format(word=word), call.usage)
    return team_dashboard(call) if word == "team" else my_dashboard(call)


def this_week(call: Call) -> Period:
    """Monday to today, in the workspace's timezone (as every analytics period)."""
    today = workspace_today(call)
    return Period("days", today - timedelta(days=today.weekday()), today, workspace_zone(call))


def _money(call: Call, minor: int) -> str:
    return format_money(Money(minor, call.workspace.currency))


def my_dashboard(call: Call) -> Reply:
    me = call.me
    totals = call.ws.analytics.pipeline({me.id})
    order = {s.name: s.position for s in call.ws.stages.all()}
    rows = tuple((t.stage, str(t.count), _money(call, t.amount_minor))
                 for t in sorted(totals, key=lambda t: order.get(t.stage, 99)))
    count, value = sum(t.count for t in totals), sum(t.amount_minor for t in totals)
    logged = call.ws.analytics.activity_counts({me.id}, this_week(call), by=("kind",))
    facts = [Fact(LOGGED, _kinds(logged))] + target_facts(call)
    text = OPEN_DEALS.format(count=count, deals=wording.deals_word(count), value=_money(call, value)) \
        if count else NO_OPEN_DEALS
    table = Table(DEAL_HEADERS, rows, "lrr") if rows else None
    note = conversion_note(call, call.ws.analytics.currency_mix({me.id}, _month(call)))
    return Reply(text=text, title=TITLE.format(name=me.display_name), facts=tuple(facts), table=table,
                 footer=note)


def _month(call: Call) -> Period:
    return parse_period("month", workspace_today(call), workspace_zone(call))


def _kinds(counts: tuple[ActivityCount, ...]) -> str:
    if not counts:
        return NOTHING_LOGGED
    english = active_locale().startswith("en")  # an activity kind is a typed word: no English plural elsewhere
    return ", ".join(f"{row.count} {wording.plural(row.count, row.kind) if english else row.kind}"
                     for row in sorted(counts, key=lambda row: row.kind))


def target_facts(call: Call) -> list[Fact]:
    """Attainment on each running target of the sender and of their teams, as `kpi` measures it."""
    today, currency = workspace_today(call), call.workspace.currency
    teams = {team.id: team for team in call.ws.teams.teams_of(call.me)
             if may_read(call, call.ws.teams.member_ids([team]))}
    reports: dict[tuple[Scope, Period], KpiReport] = {}
    facts = []
    for target in call.ws.analytics.targets_on(today):
        if target.person_id != call.me.id and target.team_id not in teams:
            continue
        key = (_target_scope(call, target, teams), _target_period(call, target))
        if key not in reports:
            reports[key] = call.ws.analytics.kpi_report(key[0], key[1], today)
        progress = reports[key].attainment(target.metric)
        if progress is None:  # a metric `target set` does not offer has no attainment
            continue
        label = TARGET_LABEL.format(metric=wording.sentence_case(wording.metric_name(target.metric)),
                                    period=target.period_label, team=TARGET_OF_TEAM if target.team_id else "")
        facts.append(Fact(label, TARGET_VALUE.format(
            actual=value_text(target.metric, progress.actual, currency),
            target=value_text(target.metric, progress.target, currency), attained=wording.percent(progress.ratio))))
    return facts


def _target_scope(call: Call, target: TargetValue, teams: dict[int, Team]) -> Scope:
    """The scope `kpi @me` or `kpi <team>` reads for this target."""
    if target.team_id is None:
        return Scope(call.me.display_name, frozenset({call.me.id}), person_id=call.me.id)
    team = teams[target.team_id]
    return Scope(team.name, frozenset(call.ws.teams.member_ids([team])), team_ids=(team.id,))


def _target_period(call: Call, target: TargetValue) -> Period:
    kind = "month" if target.period_start.month == target.period_end.month else "quarter"
    return Period(kind, target.period_start, target.period_end, workspace_zone(call))


def team_dashboard(call: Call) -> Reply:
    """One row per member of the teams the sender manages: open deals, won this month, activity this week."""
    teams = call.ws.teams.managed_by(call.me)
    if not teams:
        raise UserError(NO_TEAM)
    ids = call.ws.teams.member_ids(teams)
    analytics, currency = call.ws.analytics, call.workspace.currency
    month = _month(call)
    open_ = {row.person_id: row for row in analytics.open_per_person(ids)}
    won = dict(analytics.per_person(ids, "won_value", month))
    logged = dict(analytics.per_person(ids, "activities", this_week(call)))
    people = sorted((p for p in call.ws.people.all() if p.id in ids), key=lambda p: p.display_name.casefold())
    rows = tuple((p.display_name, str(open_[p.id].count if p.id in open_ else 0),
                  _money(call, open_[p.id].amount_minor if p.id in open_ else 0), _money(call, won.get(p.id, 0)),
                  str(logged.get(p.id, 0))) for p in people)
    return Reply(text=TEAM_TEXT.format(teams=", ".join(t.name for t in teams), count=len(people)),
                 title=TEAM_TITLE, table=Table(TEAM_HEADERS, rows, "lrrrr"),
                 footer=join_footer(TEAM_FOOTER.format(currency=currency),
                                    conversion_note(call, analytics.currency_mix(ids, month))))
