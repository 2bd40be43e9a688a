"""Team rhythm (kudos, training, intel, CSAT, scorecard, approvals, key accounts), tasks, exchange rates and the
deal export in zh-CN on the demo org: every reply without English left, and what a Chinese reader sees."""
from __future__ import annotations

import re
from functools import cache

import pytest
from sqlalchemy import text

from adapters.web_pages.csat import _respond
from handlers.call import Call
from handlers.dataio.conflicts import compose_conflict
from handlers.i18n import using_locale
from handlers.i18n.usage import PLACEHOLDER
from handlers.commands import build_registry
from handlers.rhythm.approvals import compose_decision
from handlers.rhythm.csat import compose_low_alert
from handlers.rhythm.csat_link import ASK, EXPIRED, THANKS, LinkPage
from handlers.rhythm.digest import rhythm_facts
from handlers.rhythm.training import compose_training_reminder
from handlers.schedules.jobs import Job
from handlers.scope import Scope
from handlers.tasks.reminders import KIND as TASK_KIND, compose_task_reminder, reminder_key
from tests.i18n.whole_language import LATIN_WORD, NOW, assert_chinese, known_words, seeded_chinese_demo
from tests.rhythm.support import NOW as RHYTHM_NOW, org
from tests.support.chat import reply_text

# What people typed into the rhythm tables: reasons, notes, competitors, titles (shown as written).
TYPED = {"kudos": ("why",), "intelnote": ("note", "competitor"), "approval": ("what", "why", "reason"),
         "trainingitem": ("title", "url"), "csatscore": ("comment",)}
# The "Showing 1–50 of N" line of long listings belongs to handlers/paging.py, translated on its own.
PAGING = {"Showing"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo seeded once in zh-CN: the manager's chat, the store, and the words its data and commands own."""
    chat, store = seeded_chinese_demo(tmp_path_factory.mktemp("zh-rhythm"))
    admin = chat.as_("admin").say_sync("settings language zh-CN", at=NOW)  # the whole workspace, reps too
    assert not admin.is_error, admin.text
    return chat, store


def allowed(store) -> set[str]:
    words = known_words(store) | PAGING
    with store.engine.connect() as connection:
        for table, columns in TYPED.items():
            for column in columns:
                for (value,) in connection.execute(text(f"SELECT DISTINCT {column} FROM {table}")):
                    words.update(LATIN_WORD.findall(value or ""))
    return words


@cache
def registry():
    return build_registry()


def usage_words(command: str) -> set[str]:
    """The literal syntax of a command's usage line (`@person`, `"why"`, option keys): typed as written."""
    usage = registry().specs[command].usage
    return set(LATIN_WORD.findall(PLACEHOLDER.sub(" ", usage)))


def say(demo, command: str, user: str | None = None, error: bool = False, at=NOW):
    """The reply to `command` (as `user`, else the manager), checked for English left; errors only when asked."""
    chat, store = demo
    reply = (chat.as_(user) if user else chat).say_sync(command, at=at)
    assert reply.is_error == error, f"{command!r}: {reply_text(reply)}"
    spec = next((name for name in sorted(registry().specs, key=len, reverse=True)
                 if command.startswith(name + " ") or command == name), None)
    assert_chinese(reply, allowed(store) | (usage_words(spec) if error and spec else set()), command)
    return reply


def test_kudos_in_chinese(demo):
    listing = say(demo, "kudos list")
    assert listing.text.startswith("East收到的点赞，近 30 天（11月3日 – 12月2日）：3 个。"), listing.text
    assert listing.table.headers[:3] == ("时间", "给", "来自")
    assert listing.table.rows[0][0] == "11月30日"
    given = say(demo, 'kudos @olivia "帮我顶了一个演示"')
    assert given.text.startswith("已记录给 Olivia Bennett 的点赞"), given.text
    for command in ("kudos list all month", "kudos list @olivia"):
        say(demo, command)
    for command in ("kudos", 'kudos @maria "我自己"', "kudos @olivia"):
        say(demo, command, error=True)


def test_training_in_chinese(demo):
    listing = say(demo, "training list team")
    assert listing.text == "East的培训：3 项未完成，1 项已完成。" + listing.text.split("。", 1)[1]
    assert listing.table.rows[-1][-1] == "11月30日 完成"
    added = say(demo, 'training add "谈判技巧" due=2026-12-18 for=@olivia')
    assert "已分配给Olivia Bennett，12月18日 周五 到期。" in added.text, added.text
    say(demo, "training list")
    say(demo, "training list mine", user="olivia")
    done = say(demo, "training done 1", user="james")
    assert done.text == "培训 1「Negotiation basics」已完成。干得好！"
    already = say(demo, "training done 1", user="olivia")
    assert "已于 11月30日 周一 完成" in already.text, already.text
    for command in ("training add", 'training add "x" url=网址', "training done 第一", "training done 99",
                    'training add "x" for=team'):
        say(demo, command, user="olivia" if command.endswith("for=team") else None, error=True)


def test_intel_in_chinese(demo):
    noted = say(demo, 'intel "Globex 报价降了两成" competitor=Globex account="Keystone Manufacturing"')
    assert noted.text == "情报已记录（关于 Globex和Keystone Manufacturing）。谢谢 — 它会进入每周复盘。"
    listing = say(demo, "intel list")
    assert listing.table.headers == ("竞争对手", "时间", "人员", "客户", "内容")
    assert "市场情报" in listing.text and "条" in listing.text
    say(demo, "intel list competitor=Globex month")
    say(demo, "intel list competitor=无名")
    say(demo, "intel", error=True)


def test_csat_in_chinese(demo):
    shown = say(demo, "csat")
    assert shown.text.startswith("East的客户满意度，近 90 天（9月4日 – 12月2日）：平均"), shown.text
    assert shown.table.headers == ("月份", "评分", "平均分") and shown.facts[0].label == "评分"
    say(demo, 'csat "Keystone Manufacturing"')
    low = say(demo, 'csat "Keystone Manufacturing" 2 "响应太慢"')
    assert low.text.startswith("已记录 Keystone Manufacturing 的满意度 2/5。 分数这么低，已提醒"), low.text
    assert "有一个跟进任务" in low.text
    for command in ('csat "Keystone Manufacturing" 9', 'csat "没有这个客户" 4', 'csat link "Keystone Manufacturing"',
                    "csat link"):
        say(demo, command, error=True)


def test_scorecard_in_chinese(demo):
    card = say(demo, "scorecard @olivia")
    assert card.title.startswith("记分卡 — Olivia Bennett，") and card.table.headers[:3] == ("项目", "数值", "团队中位数")
    labels = [row[0] for row in card.table.rows]
    assert "目标达成（赢单金额）" in labels and "活动：call" in labels
    assert any(row[3] in ("高于中位数 — 更好", "低于中位数 — 更差", "等于中位数") for row in card.table.rows)
    say(demo, "scorecard @olivia month")
    say(demo, "scorecard", error=True)


def test_approvals_in_chinese(demo):
    listing = say(demo, "approval list")
    assert listing.text.startswith("1 个申请（待审批）。")
    assert listing.table.rows[0][2:] == ("12% 折扣", "Olivia Bennett", "Maria Lopez", "待审批")
    asked = say(demo, 'approval ask #241 discount=15% "三年合同"', user="olivia")
    assert re.fullmatch(r"审批 \d+ 已提交：#241 Palmetto Energy - Integration project 的15% 折扣。由 Maria Lopez 审批。",
                        asked.text), asked.text
    number = asked.text.split()[1]
    say(demo, "approval list mine", user="olivia")
    say(demo, "approval list team")
    approved = say(demo, "approval approve 1")
    assert approved.text.startswith("审批 1 已批准：")
    again = say(demo, "approval approve 1")
    assert again.text.startswith("审批 1 已由 Maria Lopez 于 12月2日 周三 10:00 处理：已批准"), again.text
    form = say(demo, f"approval reject {number}")
    assert form.form.title == "驳回申请" and form.form.submit_label == "驳回"
    rejected = say(demo, f'approval reject {number} "利润太薄"')
    assert rejected.text.startswith(f"审批 {number} 已驳回：")
    for command in ("approval list 随便", "approval approve 第一", "approval approve 99", "approval ask #241",
                    "approval ask #241 discount=15% approver=@olivia", "approval ask #241 discount=很多"):
        say(demo, command, user="olivia", error=True)


def test_key_accounts_in_chinese(demo):
    listing = say(demo, "account list key")
    assert listing.title == "重点客户" and listing.table.headers[:3] == ("客户", "负责人", "周期")
    assert any("逾期 4 天" in row for row in listing.table.rows)
    marked = say(demo, 'account key "Keystone Manufacturing" every=30d')
    assert marked.text.startswith("Keystone Manufacturing 仍是重点客户，现在由 Ethan Brooks 每 30 天跟进一次。"), marked.text
    assert marked.facts[0].label == "重点客户"
    for command in ('account key "Keystone Manufacturing" every=2h', 'account key "Keystone Manufacturing" 随便'):
        say(demo, command, error=True)
    unmarked = say(demo, 'account key "Keystone Manufacturing" off')
    assert unmarked.text == "Keystone Manufacturing 不再是重点客户：不会再为它生成跟进任务。"


def test_tasks_in_chinese(demo):
    added = say(demo, 'task add "给客户回电话" #241 due=2026-12-04 15:00')
    number = re.search(r"任务 (\d+)", added.text).group(1)
    assert added.text == (f"已新增任务 {number}：给客户回电话 — 12月4日 周五 15:00 到期，关于 #241 Palmetto Energy - "
                          "Integration project。")
    assert [a.label for a in added.actions] == ["完成", "推迟 1 天", "打开商机"]
    team = say(demo, "task list team")
    assert team.title == "任务" and team.table.headers == ("任务", "内容", "到期", "对象", "给")
    assert any(row[2].endswith("（逾期）") for row in team.table.rows)
    for command in ("task list", "task list overdue", "task list @olivia"):
        say(demo, command)
    snoozed = say(demo, f"task snooze {number} 1d")
    assert snoozed.text.endswith("现在 12月5日 周六 15:00 到期。"), snoozed.text
    assert say(demo, f"task done {number}").text == f"已完成：任务 {number}，给客户回电话。"
    for command in (f"task done {number}", "task done 第一", "task done 999", "task add", 'task add "x"',
                    'task add "x" due=2026-11-01', f"task snooze {number}", "task list 随便", "task list team"):
        say(demo, command, user="olivia" if command == "task list team" else None, error=True)


def test_exchange_rates_and_export_in_chinese(demo):
    rates = say(demo, "fx list")
    assert rates.text == "对 USD 的汇率。" and rates.table.headers == ("币种", "1 单位折合 USD", "设置日期")
    assert rates.table.rows[0][2] == "2026年12月1日"
    assert say(demo, "fx set GBP 1.27", user="admin").text == "1 GBP = 1.27 USD。合计现在会把 GBP 商机折算成 USD。"
    for command in ("fx set 欧元 1", "fx set EUR 一点", "fx set USD 1", "fx set"):
        say(demo, command, user="admin", error=True)
    exported = say(demo, "export deals")
    assert exported.text == "已导出 104 个商机（East）到 deals-east.csv。" and exported.attachment.title == "商机（East）"
    assert exported.attachment.content.decode("utf-8-sig").startswith("number,name,account")  # machine columns
    say(demo, "export deals team quarter")
    for command in ("export deals format=表格", "export deals all", "export deals mine 随便"):
        say(demo, command, error=True)


def _ws(store):
    return store.workspace("console", "demo", "demo")


def test_scheduled_messages_in_chinese(demo):
    """Reminders, approval cards, alerts and the sync-conflict note, composed as the scheduler does (zh)."""
    chat, store = demo
    words = allowed(store)
    with _ws(store) as ws, using_locale("zh_CN"):
        task = next(t for t in ws.tasks.open_for(None, None, 50) if t.deal_id)
        job = Job(reminder_key(task), TASK_KIND, task.workspace_id, task.due_at, person_id=task.assignee_id,
                  ref_id=task.id)
        reminder = compose_task_reminder(ws, job, NOW)
        assert reminder.title == "跟进到期" and [f.label for f in reminder.facts] == ["任务", "商机"]
        assert reminder.text.startswith("提醒：")
        with store.engine.connect() as connection:
            low_id = connection.execute(text("SELECT id FROM csatscore WHERE comment = '响应太慢'")).scalar_one()
            open_id = connection.execute(text("SELECT id FROM trainingassignment WHERE done_at IS NULL")).first()[0]
        alert = compose_low_alert(ws, low_id, NOW)
        assert alert.title == "客户满意度低：Keystone Manufacturing"
        assert alert.text == "Keystone Manufacturing 的评分为 2/5（由 Maria Lopez 记录）：「响应太慢」。"
        decision = compose_decision(ws, 1, NOW)
        assert decision.text.startswith("你的申请 1（#241 Palmetto Energy - Integration project 的12% 折扣）：Maria "
                                        "Lopez 已批准"), decision.text
        training = compose_training_reminder(ws, open_id, NOW)
        assert [a.label for a in training.actions] == ["标记完成"]
        for message in (reminder, alert, decision, training):
            assert_chinese(message, words, message.text)
        manager = ws.people.get(2)
        facts = rhythm_facts(Call.as_person(ws, manager, NOW), Scope("East", None), True)
        labels = {fact.label for fact in facts}
        assert labels & {"待跟进的重点客户", "本周点赞", "本周客户满意度", "情报"}, labels
        for fact in facts:
            assert not [w for w in LATIN_WORD.findall(fact.label) if w not in words], fact


def test_the_customer_page_speaks_the_workspace_language():
    """A customer of a Chinese team reads the question and the thanks in Chinese."""
    page = _page(LinkPage(ASK, "Demo", "Keystone Manufacturing", locale="zh_CN"))
    assert "<html lang=\"zh-CN\">" in page and "我们做得怎么样？" in page and "非常满意" in page
    assert "您对 Demo 为 Keystone Manufacturing 提供的服务满意吗？" in page and "发送" in page
    assert "谢谢 — 您的回答已记录。" in _page(LinkPage(THANKS, locale="zh_CN"))
    assert "How did we do?" in _page(LinkPage(EXPIRED))  # an English team's customer, as before


def _page(page: LinkPage) -> str:
    return _respond(page).text


async def test_the_kudos_card_speaks_the_channels_language_not_the_givers(chat):
    """A team channel reads the workspace's language: Dan chose Chinese for himself, the card stays English;
    once the workspace is Chinese, an English-speaking giver's card is Chinese."""
    people = await org(chat)
    assert not (await people["dan"].say("settings language zh-CN me", at=RHYTHM_NOW)).is_error
    chinese_giver = await people["dan"].say('kudos @bob "救了续约"', at=RHYTHM_NOW)
    assert chinese_giver.text == "已记录给 Bob 的点赞，并已发到 1 个团队频道。"
    assert chinese_giver.announcements[0].reply.title == "🙌 Kudos for Bob"
    assert not (await people["ana"].say("settings language zh-CN", at=RHYTHM_NOW)).is_error
    assert not (await people["carla"].say("settings language en me", at=RHYTHM_NOW)).is_error
    english_giver = await people["carla"].say('kudos @bob "great demo"', at=RHYTHM_NOW)
    assert english_giver.text == "Kudos to Bob recorded and posted in 1 team channel."
    card = english_giver.announcements[0].reply
    assert card.title == "🙌 为 Bob 点赞" and card.text == "Carla：「great demo」" and card.locale == "zh_CN"


def test_a_sync_conflict_is_told_in_chinese(demo):
    """The owner's note about a deal changed both in chat and in Zoho CRM, as the scheduler composes it."""
    chat, store = demo
    with _ws(store) as ws, using_locale("zh_CN"):
        deal = ws.deals.by_number(241)
        entry = ws.audit.record(None, "zoho.conflict", "deal", deal.id, NOW, number=241, kept="zoho",
                                lost_values={"amount_minor": 9_000_000, "stage": "negotiation"},
                                fields=["amount_minor", "stage"], zoho_modified=NOW.isoformat())
        told = compose_conflict(ws, entry.id, NOW)
    assert told.text.startswith("商机 #241「Palmetto Energy - Integration project」自上次同步以来在这里和 Zoho CRM 都被修改过。")
    assert "salesbot 的 金额 US$90,000、阶段 negotiation 未被采用" in told.text, told.text
    assert_chinese(told, allowed(store), "sync conflict")
