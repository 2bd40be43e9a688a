"""The forecast, analytics (kpi, funnel, leaderboard, risks, partners, targets) and dashboard commands in zh-CN
on the demo org: every reply in Chinese but for names, commands and the values people type."""
from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from datetime import timedelta

import pytest

from handlers.context import FormSubmission
from tests.i18n.whole_language import NOW, assert_chinese, known_words, seeded_chinese_demo
from tests.schedules.support import RecordingMessenger, make_ticker, run_until
from tests.support.chat import reply_text

# The words of these commands' own grammar, typed as they are in every language (`forecast deals commit`,
# `settings forecast quarter`, `target set @ana won_count 40`): a usage line shows them as they are typed.
TYPED = {"commit", "best", "best_case", "pipeline", "omitted", "closed", "stage", "month", "quarter", "mine",
         "team", "all", "won_value", "won_count", "count", "activities", "new_pipeline", "kudos", "chart",
         "movement", "people", "since", "week", "periods", "off", "mon", "tue", "wed", "thu", "fri", "sat", "sun"}
# A word the reader typed, echoed back in quotes ('nowhere' 不是范围), is theirs, not English left over.
ECHOED = re.compile(r"['“‘][^'”’\s]+['”’]")
# "Showing 1–18 of 18." comes from handlers/paging.py, which is translated with the listings it pages.
PAGING = re.compile(r" ?Showing [0-9]+–[0-9]+ of [0-9]+\.")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    chat, store = seeded_chinese_demo(tmp_path_factory.mktemp("zh_forecast"))
    # The workspace's language too (the manager's alone is hers): reps, the admin and channel posts speak it.
    assert not chat.as_("admin").say_sync("settings language zh-CN", at=NOW).is_error
    return chat, store, known_words(store) | TYPED


def say(demo, text: str, who: str | None = None):
    chat, _, _ = demo
    return (chat.as_(who) if who else chat).say_sync(text, at=NOW)


def check(demo, text: str, who: str | None = None, error: bool = False):
    """Run `text` (as `who`, else the manager) and assert the reply is Chinese, and an error only if asked.
    An error's usage line is the command's grammar (`[mine|team|@person|all]`), translated centrally by its
    `<placeholders>`: here it only has to be introduced in Chinese."""
    reply = say(demo, text, who)
    assert reply.is_error == error, f"{text!r}: {reply_text(reply)[:400]}"
    if error and reply.footer:
        assert reply.footer.startswith("用法："), reply.footer
        reply = replace(reply, footer=None)
    assert_chinese(replace(reply, text=ECHOED.sub(" ", reply.text)), demo[2], text)
    return reply


@pytest.mark.parametrize("text", ["forecast", "forecast team", "forecast @olivia", "forecast mine 2026-Q4",
                                  "forecast team 2027-01", "forecast deals", "forecast deals commit team",
                                  "forecast deals best_case @james", "forecast deals omitted",
                                  "forecast accuracy", "forecast accuracy @olivia periods=2",
                                  "forecast movement", "forecast movement since=month",
                                  "forecast movement team since=2026-11-15", "forecast chart",
                                  "forecast chart people", "forecast map"])
def test_the_forecast_views_speak_chinese(demo, text):
    check(demo, text)


@pytest.mark.parametrize("text", ["forecast 30d", "forecast team @olivia", "forecast deals maybe",
                                  "forecast deals commit omitted", "forecast accuracy periods=99",
                                  "forecast movement since=2027-03-01", "forecast movement week since=month",
                                  "forecast map nowhere=commit", "forecast 2026-13"])
def test_mistakes_in_the_forecast_views_are_explained_in_chinese(demo, text):
    check(demo, text, error=True)


def test_the_forecast_table_reads_in_chinese(demo):
    reply = check(demo, "forecast team")
    assert reply.table.headers == ("人员", "已成交", "承诺", "最佳情况", "管道", "目标", "差距", "已提交", "经理调整")
    assert reply.text == "East的预测，2026-12。"
    assert re.search(r", 12月[0-9]+日周.", reply_text(reply))  # when it was submitted: no English weekday
    assert "本周未提交" in [fact.label for fact in reply.facts]


def test_accuracy_and_movement_name_their_parts_in_chinese(demo):
    accuracy = check(demo, "forecast accuracy")
    assert accuracy.table.headers[2:] == ("期初", "期中", "结束前一周", "实际", "准确率", "偏差")
    assert {row[-1] for row in accuracy.table.rows} <= {"偏高", "偏低", "准确"}
    assert "最近 4 个已结束的月" in accuracy.text
    movement = check(demo, "forecast movement")
    assert [row[0] for row in movement.table.rows][::len(movement.table.rows) - 1] == ["期初", "期末"]
    assert re.search(r"11月25日 [0-9]{2}:[0-9]{2} → 现在", movement.text)
    assert movement.footer.startswith("期初 + 变动 = 期末：")


def test_a_rep_submits_and_opens_the_form_in_chinese(demo):
    done = check(demo, 'forecast submit commit=40k best=60k "两单在走法务"', who="olivia")
    assert done.text == "已提交2026-12的预测：承诺 US$4万，最佳情况 US$6万。"
    computed = check(demo, "forecast submit", who="james")
    assert "（系统汇总值）" in computed.text
    form = check(demo, "forecast form", who="olivia")
    assert (form.form.title, form.form.submit_label) == ("预测", "提交")
    assert [field.label for field in form.form.fields] == ["期间", "承诺", "最佳情况", "备注（可选）"]
    below = check(demo, "forecast submit commit=50k best=10k", who="olivia", error=True)
    assert below.text == "最佳情况 US$1万 低于承诺 US$5万——最佳情况包含承诺"
    check(demo, 'forecast submit "备注" "第二条"', who="olivia", error=True)
    check(demo, "forecast submit", who="admin", error=True)


def test_the_submission_form_answers_in_chinese(demo):
    chat, _, allowed = demo
    request = chat.as_("sophia").request("forecast form")
    wrong = chat.processor.submit(FormSubmission("forecast.submit", {"period": "30d", "commit": "lots", "best": "9k",
                                                                     "note": ""}, request.sender, request.origin))
    assert wrong.is_error and set(wrong.form.errors()) == {"period", "commit"}
    assert wrong.form.errors()["period"].startswith("“30d”是滚动周期——预测按月或按季度")
    assert_chinese(replace(wrong, text=ECHOED.sub(" ", wrong.text)), allowed, "forecast form (wrong)")
    below = chat.processor.submit(FormSubmission("forecast.submit", {"period": "2026-12", "commit": "9k", "best": "1k",
                                                                     "note": ""}, request.sender, request.origin))
    assert below.form.errors() == {"best": "最佳情况 US$1000 低于承诺 US$9000——最佳情况包含承诺"}
    done = chat.processor.submit(FormSubmission("forecast.submit", {"period": "2026-12", "commit": "9k", "best": "12k",
                                                                    "note": "稳"}, request.sender, request.origin))
    assert done.text == "已提交2026-12的预测：承诺 US$9000，最佳情况 US$1.2万。"


def test_a_manager_adjusts_in_chinese(demo):
    adjusted = check(demo, 'forecast adjust @olivia commit=38k best=55k "法务慢"')
    assert adjusted.text == "你为Olivia Bennett给出的2026-12数字：承诺 US$3.8万，最佳情况 US$5.5万。对方的提交保持不变。"
    assert check(demo, "forecast @olivia").table.rows[0][-1] == "US$3.8万 / US$5.5万"
    team = check(demo, "forecast adjust team commit=200k")
    assert team.text.startswith("你为Maria Lopez的团队给出的")
    assert check(demo, "forecast adjust @olivia", error=True).text == "请写出你预期的承诺值，例如 commit=120k"
    check(demo, "forecast adjust @olivia commit=1k", who="james", error=True)
    check(demo, "forecast adjust", error=True)


def test_forecast_settings_in_chinese(demo):
    shown = check(demo, "forecast map")
    assert shown.table.headers == ("阶段", "类别")
    assert ("negotiation", "承诺") in shown.table.rows
    mapped = check(demo, "forecast map qualified=best_case", who="admin")
    assert mapped.text == "阶段 qualified 现在在所有预测中计为最佳情况（手动指定的商机保持不变）。"
    check(demo, "forecast map qualified=pipeline", who="admin")
    check(demo, "forecast map qualified=sometimes", who="admin", error=True)
    override = check(demo, "deal forecast #226 commit")
    assert override.text.endswith("现在在预测中计为承诺（手动指定；按阶段应为最佳情况）。")
    commits = check(demo, "forecast deals commit")
    assert commits.text == "East预测背后的商机，2026-12：承诺。"
    assert "承诺（手动指定）" in [row[-1] for row in commits.table.rows]
    assert "恢复按阶段计入：最佳情况" in check(demo, "deal forecast #226 stage").text
    check(demo, "deal forecast #226 maybe", error=True)
    check(demo, "deal forecast", error=True)
    quarter = check(demo, "settings forecast quarter", who="admin")
    assert quarter.text == "预测现在按季度进行：本期为 10月1日 – 12月31日。"
    check(demo, "settings forecast month", who="admin")
    check(demo, "settings forecast year", who="admin", error=True)


def test_the_weekly_prompt_is_set_and_sent_in_chinese(demo):
    chat, store, allowed = demo
    assert check(demo, "forecast remind").text.startswith("预测提醒：每星期四 15:00，")
    check(demo, "forecast remind someday 15:00", error=True)
    assert check(demo, "forecast remind off").text == "预测提醒已关闭。"
    check(demo, "forecast remind thu 15:00")
    messenger = RecordingMessenger()
    thursday = NOW + timedelta(days=1)  # 15:00 in New York is 20:00 UTC
    asyncio.run(run_until(make_ticker(store, messenger), thursday + timedelta(hours=4, minutes=45),
                          thursday + timedelta(hours=5, minutes=15), timedelta(minutes=15)))
    prompts = [reply for _, reply in messenger.posts if reply.title == "你的预测"]
    assert prompts, [reply.title for _, reply in messenger.posts]
    for prompt in prompts:
        assert_chinese(prompt, allowed, "forecast prompt")
        assert prompt.text.startswith("该提交2026-12的预测了：承诺 ")
        assert [action.label for action in prompt.actions] == ["按原样提交", "调整"]


@pytest.mark.parametrize("text", ["kpi", "kpi team quarter", "kpi @olivia 2026-11", "kpi 90d", "funnel",
                                  "funnel team 90d", "leaderboard", "leaderboard activities 30d",
                                  "leaderboard team 2026-Q4",
                                  "partners", "partners team 2026-Q3", "target list @olivia",
                                  "target list team 2026-Q4", "risks @james", "risks @ethan", "risks @sophia"])
def test_the_analytics_views_speak_chinese(demo, text):
    reply = say(demo, text)
    assert not reply.is_error, reply_text(reply)
    assert_chinese(replace(reply, text=PAGING.sub("", reply.text)), demo[2], text)


@pytest.mark.parametrize("text", ["kpi 2026-13", "kpi 2026-Q5", "kpi 9999d", "kpi team team", "kpi month 30d",
                                  "funnel nowhere", "leaderboard won_value activities", "partners 2026-11 chart x",
                                  "target list 800d", "risks nowhere"])
def test_mistakes_in_the_analytics_views_are_explained_in_chinese(demo, text):
    check(demo, text, error=True)


def test_a_risk_reason_shows_its_date_the_chinese_way(demo):
    reply = check(demo, "risks @james")
    reasons = [row[-1] for row in reply.table.rows]
    assert "跟进自 12月1日周二 起逾期" in reasons
    assert any(re.fullmatch(r"成交日已过 [0-9]+ 天.*", reason) for reason in reasons)
    assert reply.text.startswith("James Carter有 ")


def test_targets_are_set_in_chinese(demo):
    done = check(demo, "target set @olivia won_value 50k quarter")
    assert done.text.startswith("已设定目标：Olivia Bennett，赢单金额 US$50,000，2026-Q4")
    check(demo, "target set East activities 60")
    for text in ("target set @olivia won_value", "target set @olivia activities many",
                 "target set @olivia won_value 5k 30d", "target set @olivia won_value 5k month period=quarter",
                 "target set @olivia kudos 5", "target set @olivia won_value 5k EUR"):
        check(demo, text, error=True)
    check(demo, "target set @james activities 10", who="olivia", error=True)
    check(demo, "target set team won_value 5k", who="admin", error=True)


def test_the_dashboard_speaks_chinese(demo):
    own = check(demo, "dashboard", who="olivia")
    assert own.title == "Olivia Bennett的仪表盘"
    assert re.fullmatch(r"你有 [0-9]+ 个商机进行中，总额 US\$[0-9,]+。", own.text)
    assert own.table.headers == ("阶段", "商机数", "金额")
    assert "本周记录" in [fact.label for fact in own.facts]
    assert any(fact.label.startswith("赢单金额目标（2026-12") for fact in own.facts)
    assert check(demo, "dashboard").facts[0].value == "暂无"
    team = check(demo, "dashboard team")
    assert team.table.headers == ("人员", "进行中", "管道", "本月赢单", "本周活动")
    assert team.footer.startswith("金额单位：USD。")
    check(demo, "dashboard everything", error=True)
    check(demo, "dashboard team", who="olivia", error=True)


def test_the_forecast_calls_reminder_and_agenda_are_in_chinese(demo):
    chat, store, allowed = demo
    added = say(demo, 'meeting add "预测会议" weekly fri 10:00 remind=15m agenda=forecast')
    assert not added.is_error, added.text
    messenger = RecordingMessenger()
    friday = NOW + timedelta(days=2)  # Friday 10:00 in New York is 15:00 UTC; the reminder comes two hours before
    asyncio.run(run_until(make_ticker(store, messenger), friday - timedelta(hours=2, minutes=15),
                          friday, timedelta(minutes=15)))
    reminders = [reply for _, reply in messenger.posts if reply.text.startswith("预测会议将于")]
    assert reminders, [reply.text[:60] for _, reply in messenger.posts]
    for reminder in reminders:
        assert reminder.text.startswith("预测会议将于 周五 10:00 开始：你本周还没有提交2026-12的预测。\n")
        assert_chinese(reminder, allowed, "forecast-call reminder")
    agenda = "\n".join(reply_text(reply) for _, reply in messenger.posts if "自上次会议以来的变动" in reply_text(reply))
    assert re.search(r"2026-12预测：承诺 US\$[0-9.]+万，最佳情况 US\$[0-9.]+万，目标 US\$[0-9.]+万", agenda), agenda
    assert re.search(r"自上次会议以来的变动：US\$[0-9.]+万 → US\$[0-9.]+万（.+）", agenda), agenda


def test_a_quarter_and_a_metric_are_named_in_chinese(demo):
    board = check(demo, "leaderboard team 2026-Q4")
    assert board.table.headers == ("#", "人员", "赢单金额", "目标", "达成率")
    assert board.text.startswith("East按赢单金额排名，2026年第4季度（")
