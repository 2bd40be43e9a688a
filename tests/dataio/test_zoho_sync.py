"""`salesbot zoho sync` against a fake Zoho CRM on loopback: pull, push, conflicts, failures, resumption."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from aiohttp import web
from sqlmodel import select

from adapters.zoho.config import ZohoConfig
from bot.zoho import sync_once
from handlers.clock import utc_now
from storage.io.sync import SyncRepo
from storage.models import AuditEntry, Contact, Deal
from tests.dataio.support import deals, stage_moves
from tests.schedules.support import RecordingMessenger, make_ticker
from tests.support.fake_zoho import FakeZoho

WS = ("console", "acme-sales")


@pytest.fixture
async def zoho():
    fake = FakeZoho(now=utc_now().replace(microsecond=0) - timedelta(hours=1))
    runner = web.AppRunner(fake.app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    fake.base = f"http://{host}:{port}"
    fake.user("Ana Silva", "ana@zylker.com")
    yield fake
    await runner.cleanup()


class Clock:
    def __init__(self) -> None:
        self.now = utc_now()

    def __call__(self):
        return self.now


def config(fake: FakeZoho) -> ZohoConfig:
    return ZohoConfig("1000.CLIENT", "secret", fake.refresh_token, accounts_url=fake.base)


async def sync(store, fake, clock=None, full=False):
    return await sync_once(store, config(fake), WS, full, clock)


def seed(fake: FakeZoho, count: int) -> list[dict]:
    owner = {"id": fake.users[0]["id"], "name": "Ana Silva", "email": "ana@zylker.com"}
    stages = ("Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review")
    return [fake.add("Deals", Deal_Name=f"Zoho deal {n}", Amount=1000 + n, Stage=stages[n % 4],
                     Closing_Date="2026-12-31", Account_Name={"name": f"Account {n % 10}", "id": None}, Owner=owner)
            for n in range(count)]


async def test_initial_import_of_1000_deals_over_pages_then_nothing_twice(chat, store, zoho):
    await chat.say("whoami")
    seed(zoho, 1000)
    report = await sync(store, zoho)
    assert not report.paused and report.pulled["deals created"] == 1000
    pages = [int(c.query["page"]) for c in zoho.crm_calls("GET", "/Deals")]
    assert pages == [1, 2, 3, 4, 5]
    rows = deals(store)
    assert len(rows) == 1000 and rows[0][:5] == ("Zoho deal 0", "Account 0", 100000, "USD", "lead")
    assert rows[0][5] == "ana.silva"  # the Zoho user, by email
    assert {r[4] for r in rows} == {"lead", "qualified", "proposal", "negotiation"}
    again = await sync(store, zoho)
    assert again.pulled.get("deals created", 0) == 0 and len(deals(store)) == 1000
    assert "If-Modified-Since" in zoho.crm_calls("GET", "/Deals")[-1].headers
    assert not zoho.crm_calls("POST", "/Deals")  # what came from Zoho is not pushed back


async def test_changes_flow_both_ways_once(chat, store, zoho):
    await chat.say("whoami")
    first = seed(zoho, 2)[0]
    await sync(store, zoho)
    zoho.tick(5)
    zoho.change("Deals", first["id"], Stage="Negotiation/Review", Amount=5000)
    await chat.say('deal add "Made in chat" 7k stage=proposal')
    await chat.say("deal stage #2 proposal")
    await chat.say('log call #1 "pricing agreed"')
    report = await sync(store, zoho)
    assert report.pulled["deals updated"] == 1
    assert deals(store)[0][2:5] == (500000, "USD", "negotiation")
    assert ("lead", "negotiation") in stage_moves(store)
    inserted = [c.body["data"][0] for c in zoho.crm_calls("POST", "/Deals")]
    assert [(r["Deal_Name"], r["Stage"], r["Amount"]) for r in inserted] == [("Made in chat", "Proposal/Price Quote",
                                                                              7000.0)]
    updated = [c.body["data"][0] for c in zoho.crm_calls("PUT", "/Deals")]
    assert [(r["Deal_Name"], r["Stage"]) for r in updated] == [("Zoho deal 1", "Proposal/Price Quote")]
    notes = [c.body["data"][0] for c in zoho.crm_calls("POST", "/Notes")]
    assert notes == [{"Note_Title": "Call", "Note_Content": "pricing agreed",
                      "Parent_Id": {"module": {"api_name": "Deals"}, "id": first["id"]}}]
    writes = len(zoho.crm_calls("POST")) + len(zoho.crm_calls("PUT"))
    quiet = await sync(store, zoho)
    assert quiet.pushed == 0 and len(zoho.crm_calls("POST")) + len(zoho.crm_calls("PUT")) == writes


async def test_conflict_last_writer_wins_and_the_loser_is_audited(chat, store, zoho):
    await chat.say("whoami")
    first, second = seed(zoho, 2)
    await sync(store, zoho)
    await chat.say("deal update #1 amount=9k")  # ours now; Zoho's change below is later
    await chat.say("deal update #2 amount=8k")  # ours now; Zoho's change below is earlier
    zoho.now = utc_now() + timedelta(minutes=10)
    zoho.change("Deals", first["id"], Amount=1234)
    zoho.now = utc_now() - timedelta(minutes=30)
    zoho.change("Deals", second["id"], Amount=4321)
    zoho.now = utc_now() + timedelta(minutes=20)
    await sync(store, zoho)
    amounts = [row[2] for row in deals(store)]
    assert amounts == [123400, 800000]  # Zoho won #1, we won #2
    assert zoho.records["Deals"][second["id"]]["Amount"] == 8000.0  # and ours went to Zoho
    with store.workspace(*WS) as ws:
        audits = list(ws.session.exec(select(AuditEntry).where(AuditEntry.action == "zoho.conflict")
                                      .order_by(AuditEntry.id)))
        lost = sorted((json.loads(a.detail) for a in audits), key=lambda d: d["number"])
    assert [(d["number"], d["kept"]) for d in lost] == [(1, "zoho"), (2, "salesbot")]
    assert lost[0]["lost_values"]["amount_minor"] == 900000 and lost[1]["lost_values"]["amount_minor"] == 432100
    assert [d["fields"] for d in lost] == [["amount_minor"], ["amount_minor"]]
    # The owner is told once per conflict, however many times the clock ticks or the sync runs again (quiet hours
    # off, so the ticks at the real clock deliver at any hour the suite runs).
    with store.workspace(*WS) as ws:
        for person in ws.people.all():
            ws.schedules.set_quiet_hours(person.id, off=True)
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    for minutes in (1, 2, 3):
        await ticker.tick(utc_now() + timedelta(minutes=minutes))
    await sync(store, zoho)
    await ticker.tick(utc_now() + timedelta(minutes=4))
    told = sorted(reply.text for _, reply in messenger.posts)
    assert len(told) == 2 and {dest.user_id for dest, _ in messenger.posts} == {"imported:ana@zylker.com"}
    assert told[0].startswith("Deal #1 “Zoho deal 0” was changed both here and in Zoho CRM since the last sync.")
    assert "the Zoho CRM values stand; salesbot had amount $9,000." in told[0]
    assert "the salesbot values stand; Zoho CRM had amount $4,321." in told[1]


async def test_different_fields_changed_on_each_side_are_both_kept(chat, store, zoho):
    await chat.say("whoami")
    first = seed(zoho, 1)[0]
    await sync(store, zoho)
    await chat.say("deal update #1 amount=9k")  # ours: the amount
    zoho.now = utc_now() + timedelta(minutes=10)
    zoho.change("Deals", first["id"], Stage="Negotiation/Review")  # Zoho's, later: the stage
    report = await sync(store, zoho)
    assert deals(store)[0][2:5] == (900000, "USD", "negotiation")
    assert zoho.records["Deals"][first["id"]]["Amount"] == 9000.0
    assert zoho.records["Deals"][first["id"]]["Stage"] == "Negotiation/Review"
    assert not report.pulled.get("conflicts settled (owners told)")
    with store.workspace(*WS) as ws:
        assert not list(ws.session.exec(select(AuditEntry).where(AuditEntry.action == "zoho.conflict")))


async def test_429_pauses_with_backoff_and_tells_admins_once(chat, store, zoho):
    await chat.say("whoami")
    seed(zoho, 3)
    clock = Clock()
    zoho.fail_next(429, {"code": "TOO_MANY_REQUESTS", "status": "error"}, {"Retry-After": "120"})
    first = await sync(store, zoho, clock)
    assert first.paused and first.paused.kind == "rate" and first.tell_admins
    assert first.paused_until >= clock.now + timedelta(seconds=120)
    calls = len(zoho.calls)
    second = await sync(store, zoho, clock)
    assert second.paused and not second.tell_admins and len(zoho.calls) == calls  # waits, asks nothing
    clock.now += timedelta(minutes=3)
    third = await sync(store, zoho, clock)
    assert not third.paused and len(deals(store)) == 3


async def test_credit_exhaustion_pauses_for_hours(chat, store, zoho):
    await chat.say("whoami")
    clock = Clock()
    zoho.fail_next(400, {"code": "LIMIT_EXCEEDED", "status": "error", "message": "API limit exceeded"})
    report = await sync(store, zoho, clock)
    assert report.paused.kind == "credits" and report.paused_until >= clock.now + timedelta(hours=6)


async def test_an_expired_access_token_is_refreshed(chat, store, zoho):
    await chat.say("whoami")
    seed(zoho, 2)
    zoho.expire_token_after = 2  # expires early, in the middle of the sync
    report = await sync(store, zoho)
    assert not report.paused and len(deals(store)) == 2
    assert [c.body["grant_type"] for c in zoho.calls if c.path == "/oauth/v2/token"] == ["refresh_token"] * 2
    assert [c.headers["Authorization"] for c in zoho.crm_calls()][-1] == f"Zoho-oauthtoken {zoho.token}"


async def test_invalid_token_code_without_a_401_still_gets_a_fresh_token(chat, store, zoho):
    await chat.say("whoami")
    seed(zoho, 1)
    zoho.fail_next(400, {"code": "INVALID_TOKEN", "details": {}, "message": "invalid oauth token",
                         "status": "error"})
    report = await sync(store, zoho)
    assert not report.paused and len(deals(store)) == 1
    assert len([c for c in zoho.calls if c.path == "/oauth/v2/token"]) == 2


async def test_too_many_concurrent_calls_pauses_as_a_rate_limit(chat, store, zoho):
    await chat.say("whoami")
    zoho.fail_next(400, {"code": "TOO_MANY_REQUESTS", "status": "error"})
    report = await sync(store, zoho)
    assert report.paused.kind == "rate" and "TOO_MANY_REQUESTS" in report.text()


async def test_a_bad_refresh_token_pauses(chat, store, zoho):
    await chat.say("whoami")
    revoked = ZohoConfig("1000.CLIENT", "secret", "1000.revoked", accounts_url=zoho.base)
    report = await sync_once(store, revoked, WS)
    assert report.paused.kind == "auth" and "refresh token" in report.text()


async def test_a_sync_killed_halfway_resumes_without_duplicates(chat, store, zoho):
    await chat.say("whoami")
    seed(zoho, 1000)
    clock = Clock()
    zoho.crash_after = 4  # users, accounts, contacts, deals page 1 answered; page 2 fails
    crashed = await sync(store, zoho, clock)
    assert crashed.paused and 0 < len(deals(store)) < 1000
    zoho.crash_after = None
    clock.now += timedelta(hours=2)
    resumed = await sync(store, zoho, clock)
    assert not resumed.paused
    pages = [int(c.query["page"]) for c in zoho.crm_calls("GET", "/Deals")]
    assert pages[:2] == [1, 2] and pages[2] == 1  # resumed at the page it stopped on, not from the start
    names = [row[0] for row in deals(store)]
    assert len(names) == 1000 == len(set(names))


async def test_a_push_whose_answer_was_lost_is_not_inserted_twice(chat, store, zoho):
    await chat.say("whoami")
    clock = Clock()
    await chat.say('deal add "Only once" 5k')
    zoho.lose_next_write_answer = True
    first = await sync(store, zoho, clock)
    assert first.paused
    clock.now += timedelta(hours=2)
    assert not (await sync(store, zoho, clock)).paused
    assert [r["Deal_Name"] for r in zoho.records["Deals"].values()] == ["Only once"]
    with store.workspace(*WS) as ws:
        assert len(list(ws.session.exec(select(Deal)))) == 1


async def test_a_deal_deleted_in_zoho_is_marked_lost(chat, store, zoho):
    await chat.say("whoami")
    first = seed(zoho, 1)[0]
    await sync(store, zoho)
    zoho.tick(5)
    zoho.delete("Deals", first["id"])
    await sync(store, zoho)
    reply = await chat.say("deal show #1")
    assert deals(store)[0][4] == "lost" and "deleted in Zoho CRM" in str(reply.facts) + reply.text
    assert not zoho.crm_calls("PUT")


async def test_the_clock_runs_the_sync_and_tells_admins_once_when_it_pauses(chat, store, zoho):
    import io
    from dataclasses import replace

    from adapters.console.messenger import ConsoleMessenger
    from bot.bootstrap import assemble
    from bot.scheduler.runner import scheduler_for
    from bot.settings import Settings
    from bot.zoho import JOB_ID

    await chat.say("whoami")
    seed(zoho, 2)
    env = {"ZOHO_CLIENT_ID": "1000.CLIENT", "ZOHO_CLIENT_SECRET": "secret", "ZOHO_REFRESH_TOKEN": zoho.refresh_token,
           "ZOHO_ACCOUNTS_URL": zoho.base, "SALESBOT_ZOHO_WORKSPACE": "acme-sales", "SALESBOT_ZOHO_SYNC_EVERY": "7"}
    app = assemble(Settings.from_env(env), store, chat.processor)
    out = io.StringIO()
    app.platforms["console"] = replace(app.platforms["console"], messenger=ConsoleMessenger(out))
    service = scheduler_for(app)
    every, job = service.periodic[JOB_ID]
    assert every == timedelta(minutes=7)
    await job()
    assert len(deals(store)) == 2
    for _ in range(2):
        zoho.fail_next(429, {"code": "TOO_MANY_REQUESTS", "status": "error"})
        with store.workspace(*WS) as ws:  # the pause has run out; the next sync meets another 429
            SyncRepo(ws.session, ws.workspace.id, "zoho").state().paused_until = None
        await job()
    assert out.getvalue().count("Zoho CRM sync is paused") == 1


def test_no_zoho_settings_no_job_and_half_settings_are_refused():
    from adapters.zoho.config import ZohoConfig
    from handlers.errors import SettingsError

    assert ZohoConfig.from_settings({}) is None
    with pytest.raises(SettingsError, match="ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN"):
        ZohoConfig.from_settings({"ZOHO_CLIENT_ID": "x"})


async def test_zoho_check_prints_the_org_and_the_stage_map(zoho):
    from bot.zoho import check

    lines = await check(config(zoho), ["lead", "qualified", "proposal", "negotiation", "won", "lost"])
    assert lines[0].startswith("Zoho CRM org: Zylker Sales") and lines[1] == "1 active users"
    assert "  stage 'Negotiation/Review' -> negotiation" in lines


async def test_contacts_accounts_and_tasks_both_ways(chat, store, zoho):
    await chat.say("whoami")
    zylker = zoho.add("Accounts", Account_Name="Zylker Inc")
    zoho.add("Contacts", First_Name="Lia", Last_Name="Lima", Email="lia@zylker.example", Title="CTO",
             Account_Name={"name": "Zylker Inc", "id": zylker["id"]})
    zoho.add("Contacts", Last_Name="Nobody")  # no account: nowhere to live in salesbot
    await chat.say('deal add "Initech rollout" 5k account="Initech"')
    await chat.say('contact add "Dana Scully" account="Initech" email=dana@initech.example title=CFO')
    await chat.say('task add "send the quote" #1 due=2026-12-15')
    report = await sync(store, zoho)
    assert not report.paused
    shown = await chat.say("contact show Lia")
    assert "lia@zylker.example" in str(shown.facts) and "Zylker Inc" in str(shown.facts)
    [account] = [c.body["data"][0] for c in zoho.crm_calls("POST", "/Accounts")]
    assert account == {"Account_Name": "Initech"}  # Zylker came from Zoho: not sent back
    initech = next(r["id"] for r in zoho.records["Accounts"].values() if r["Account_Name"] == "Initech")
    [deal] = [c.body["data"][0] for c in zoho.crm_calls("POST", "/Deals")]
    assert deal["Account_Name"] == {"id": initech}
    [contact] = [c.body["data"][0] for c in zoho.crm_calls("POST", "/Contacts")]
    assert contact == {"First_Name": "Dana", "Last_Name": "Scully", "Email": "dana@initech.example", "Title": "CFO",
                       "Account_Name": {"id": initech}}
    [task] = [c.body["data"][0] for c in zoho.crm_calls("POST", "/Tasks")]
    deal_id = next(iter(r["id"] for r in zoho.records["Deals"].values()))
    assert task["Subject"] == "send the quote" and task["Due_Date"] == "2026-12-15"
    assert task["Status"] == "Not Started" and task["What_Id"] == {"id": deal_id} and task["$se_module"] == "Deals"
    with store.workspace(*WS) as ws:
        [open_task] = ws.tasks.open_for(None)
    await chat.say(f"task done {open_task.id}")
    await sync(store, zoho)
    assert [c.body["data"][0]["Status"] for c in zoho.crm_calls("PUT", "/Tasks")] == ["Completed"]
    writes = len(zoho.crm_calls("POST")) + len(zoho.crm_calls("PUT"))
    await sync(store, zoho)
    assert len(zoho.crm_calls("POST")) + len(zoho.crm_calls("PUT")) == writes
    with store.workspace(*WS) as ws:
        names = sorted(c.name for c in ws.session.exec(select(Contact)))
    assert names == ["Dana Scully", "Lia Lima"]


async def test_salesbot_zoho_sync_from_the_command_line_pulls_pushes_and_settles_a_conflict(zoho, tmp_path):
    import asyncio
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path}/cli.db", "ZOHO_CLIENT_ID": "1000.CLIENT",
           "ZOHO_CLIENT_SECRET": "secret", "ZOHO_REFRESH_TOKEN": zoho.refresh_token, "ZOHO_ACCOUNTS_URL": zoho.base}

    async def salesbot(*args: str) -> tuple[int, str]:
        process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot.cli", *args, cwd=root, env=env,
                                                       stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        out, err = await asyncio.wait_for(process.communicate(), 120)
        return process.returncode, out.decode() + err.decode()

    first = seed(zoho, 2)[0]
    code, out = await salesbot("zoho", "sync")
    assert code == 0 and "2 deals created" in out, out
    (tmp_path / "d.csv").write_text("Deal Name,Account Name,Amount,Stage,Deal Owner\n"
                                    "Zoho deal 0,Account 0,900,Qualification,ana@zylker.com\n"
                                    "Made here,,700,Qualification,ana@zylker.com\n", encoding="utf-8")
    code, out = await salesbot("import", "deals", str(tmp_path / "d.csv"))
    assert code == 0 and "1 created, 1 updated" in out, out
    zoho.now = utc_now() + timedelta(minutes=10)  # Zoho's change is the later one
    zoho.change("Deals", first["id"], Amount=1234)
    code, out = await salesbot("zoho", "sync")
    assert code == 0 and "1 deals updated" in out and "1 conflicts settled (owners told)" in out, out
    assert [c.body["data"][0]["Deal_Name"] for c in zoho.crm_calls("POST", "/Deals")] == ["Made here"]
    code, out = await salesbot("export", "deals")
    assert "Zoho deal 0,Account 0,1234.00,USD,lead" in out and "Made here,,700.00,USD,lead" in out, out
