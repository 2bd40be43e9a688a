"""`csat`: customer satisfaction per account — logged by reps, summarised for teams, low scores escalated."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from handlers.analytics.args import read_arguments, read_period, workspace_today
from handlers.analytics.periods import is_period_word
from handlers.analytics.wording import describe_period
from handlers.call import Call
from handlers.errors import UserError
from handlers.i18n import _, ngettext, using_locale
from handlers.i18n.speaker import speaking_locale
from handlers.ports import WorkspacePort
from handlers.reply import Fact, Reply, Table
from handlers.rhythm import wording
from handlers.rhythm.accounts import find_account
from handlers.rhythm.follow_up import open_follow_up
from handlers.rhythm.text import clean_text, one_decimal

LOW = 2  # a score at or below this alerts the owner's manager and opens a follow-up task for the owner
MAX_COMMENT = 1000
SCORES = ("1", "2", "3", "4", "5")
TREND_MONTHS = 6


def csat(call: Call) -> Reply:
    """`csat <account> <1-5> ["comment"]` records; `csat [team|mine|all|<account>] [period] [chart]` shows."""
    if len(call.args) >= 2 and call.args[1].text.strip().isdecimal():
        return record_score(call)
    return show_scores(call)


def record_score(call: Call) -> Reply:
    call.reject_unknown_options(())
    account = find_account(call, call.args[0].text)
    score = parse_score(call.args[1].text, call.usage)
    comment = clean_text(" ".join(t.text for t in call.args[2:]), MAX_COMMENT, _("the comment"), call.usage) or None
    row = call.ws.rhythm.csat.add(account.id, score, comment, call.me.id, call.now)
    text = wording.CSAT_RECORDED.format(score=score, account=account.name)
    if score <= LOW:
        managers = alert_managers(call.ws, account.id, row.id, call.now)
        if managers:
            text += wording.CSAT_ALERTED.format(manager=", ".join(p.display_name for p in managers))
        task = open_owner_follow_up(call.ws, account.id, score, call.now)
        if task is not None:
            text += wording.CSAT_TASK_OPENED.format(owner=call.ws.people.get(task.assignee_id).display_name,
                                                    id=task.id)
    return Reply(text=text)


def parse_score(text: str, usage: str) -> int:
    word = text.strip()
    if word not in SCORES:
        raise UserError(wording.CSAT_BAD_SCORE.format(token=word[:20]), usage)
    return int(word)


def alert_managers(ws: WorkspacePort, account_id: int, score_id: int, now: datetime) -> list:
    """Queue the same-day alert (quiet hours apply when it is sent) to the managers of the account's owner;
    admins when the owner has no manager."""
    owner_id = ws.rhythm.csat.account_owner(account_id)
    owner = ws.people.get(owner_id) if owner_id else None
    manager_ids = [t.manager_id for t in ws.teams.teams_of(owner) if t.manager_id] if owner else []
    managers = [ws.people.get(pid) for pid in dict.fromkeys(manager_ids) if pid != owner_id] or \
        [p for p in ws.people.all() if p.role == "admin" and p.id != owner_id]
    for manager in managers:
        ws.schedules.post_later(manager.id, "csat-low", score_id, now)
    return managers


def open_owner_follow_up(ws: WorkspacePort, account_id: int, score: int, now: datetime):
    """The follow-up task for the account's owner that a low score opens (one per score: it is opened where
    the score is recorded); None when nobody looks after the account."""
    owner_id = ws.rhythm.csat.account_owner(account_id)
    owner = ws.people.get(owner_id) if owner_id else None
    if owner is None:
        return None
    with using_locale(speaking_locale(ws.workspace, owner)):  # a task title is read by its owner
        title = wording.CSAT_TASK_TITLE.format(account=ws.accounts.get(account_id).name, score=score)
    return open_follow_up(ws, owner, title, account_id, now)


def show_scores(call: Call) -> Reply:
    """Average, count, distribution and the monthly trend for a team's accounts or one account."""
    account = _typed_account(call)
    reading = read_arguments(replace(call, args=call.args[1:]) if account else call, "90d", default_scope="team")
    period = reading.period
    account_ids = {account.id} if account else _scope_accounts(call, reading.scope.owner_ids)
    label = account.name if account else reading.scope.label
    distribution = call.ws.rhythm.csat.distribution(account_ids, period.start, period.end)
    count = sum(distribution.values())
    when = describe_period(period, workspace_today(call))
    if not count:
        return Reply(text=wording.CSAT_EMPTY.format(scope=label, period=when))
    average = sum(score * n for score, n in distribution.items()) / count
    trend = monthly_trend(call, account_ids)
    reply = Reply(text=wording.CSAT_TEXT.format(scope=label, period=when, average=one_decimal(average), count=count,
                                                scores=ngettext("score", "scores", count)),
                  facts=(Fact(wording.CSAT_DISTRIBUTION, _bars(distribution)),),
                  table=Table(wording.CSAT_TREND_HEADERS, tuple((m, str(n), one_decimal(total / n))
                                                                 for m, n, total in trend), "lrr"))
    return replace(reply, chart=_chart(label, trend)) if reading.chart else reply


def _typed_account(call: Call):
    """The first word is an account when it is not a scope, a period or `chart`."""
    if not call.args:
        return None
    word = call.args[0].text
    if word.startswith("@") or word.casefold() in ("mine", "team", "all", "chart") or is_period_word(word):
        return None
    if call.ws.teams.by_name(word) is not None:
        return None
    return find_account(call, word)


def _scope_accounts(call: Call, owner_ids) -> set[int] | None:
    return None if owner_ids is None else call.ws.rhythm.csat.accounts_of_owners(set(owner_ids))


def monthly_trend(call: Call, account_ids: set[int] | None) -> list[tuple[str, int, int]]:
    start = read_period(call, f"{TREND_MONTHS * 31}d").start
    return call.ws.rhythm.csat.monthly(account_ids, start, call.now + timedelta(seconds=1))


def _bars(distribution: dict[int, int]) -> str:
    return "  ".join(f"{score}★ {distribution.get(score, 0)}" for score in range(5, 0, -1))


def _chart(label: str, trend: list[tuple[str, int, int]]):
    from handlers.rhythm.charts import trend_chart  # matplotlib loads only for charts

    return trend_chart(wording.CSAT_CHART_TITLE.format(scope=label),
                       [(month, total / n) for month, n, total in trend], 5, f"csat-{label}")


def compose_low_alert(ws: WorkspacePort, score_id: int, now: datetime) -> Reply | None:
    """The manager's alert about a low score."""
    score = ws.rhythm.csat.get(score_id)
    account = ws.accounts.get(score.account_id) if score else None
    if account is None:
        return None
    who = ws.people.get(score.logged_by).display_name if score.logged_by else wording.CSAT_CUSTOMER
    comment = wording.CSAT_ALERT_COMMENT.format(comment=score.comment) if score.comment else ""
    return Reply(text=wording.CSAT_ALERT_TEXT.format(account=account.name, score=score.score, who=who,
                                                     comment=comment),
                 title=wording.CSAT_ALERT_TITLE.format(account=account.name))
