"""`salesbot import deals`: CRM exports as they come, all or nothing, idempotent."""
from __future__ import annotations

from handlers.dataio.wording import report_text
from tests.dataio.support import deals, people, run_import, stage_moves, write

ZOHO = ("\ufeffRecord Id;Deal Name;Account Name;Amount;Stage;Closing Date;Deal Owner\n"
        "z1;Acme renewal;Acme Corp;1.234,56;Needs Analysis;31/12/2026;ana\n"
        "z2;Globex pilot;Globex;12.000,00;Closed Won;15/11/2026;Bob\n"
        "z3;Initech;;900;Negotiation/Review;01/12/2026;ana\n")
SALESFORCE = ("Opportunity ID,Opportunity Name,Account Name,Amount,Stage,Close Date,Opportunity Owner\n"
              '006A1,Umbrella expansion,Umbrella,"$25,000.00",Prospecting,12/31/2026,Bob\n'
              '006A2,Hooli deal,Hooli,"$7,500.50",Closed Lost,11/20/2026,ana\n')


async def _team(chat):
    """Ana (admin) and Bob exist in the workspace, as they would after talking to the bot."""
    await chat.say("whoami")
    await chat.as_("bob").say("whoami")


async def test_zoho_file_imports_after_a_clean_dry_run(chat, store, tmp_path):
    await _team(chat)
    path = write(tmp_path / "Deals_export.csv", ZOHO)
    dry = run_import(store, path, dry_run=True)
    assert dry.ok and "Would import deals: 3 created" in report_text(dry)
    assert deals(store) == []
    report = run_import(store, path)
    assert report.applied and report.counts == {"created": 3}
    assert deals(store) == [("Acme renewal", "Acme Corp", 123456, "USD", "qualified", "ana"),
                            ("Globex pilot", "Globex", 1200000, "USD", "won", "bob"),
                            ("Initech", None, 90000, "USD", "negotiation", "ana")]
    pipeline = (await chat.say("pipeline all")).table
    assert [r[:2] for r in pipeline.rows if r[0] in ("qualified", "negotiation")] == [("qualified", "1"),
                                                                                       ("negotiation", "1")]


async def test_salesforce_file_reads_month_first_dates_and_dollar_amounts(chat, store, tmp_path):
    await _team(chat)
    report = run_import(store, write(tmp_path / "report.csv", SALESFORCE))
    assert report.applied, report_text(report)
    assert deals(store) == [("Umbrella expansion", "Umbrella", 2500000, "USD", "lead", "bob"),
                            ("Hooli deal", "Hooli", 750050, "USD", "lost", "ana")]
    shown = (await chat.say("deal show #1")).facts
    assert any("2026-12-31" in f.value or "Dec 31" in f.value for f in shown)


async def test_three_bad_rows_import_nothing_and_are_all_named(chat, store, tmp_path):
    await _team(chat)
    text = ("Deal Name,Amount,Stage,Closing Date,Deal Owner\n"
            "Good one,100,Qualification,2026-12-01,ana\n"
            "Bad amount,12x,Qualification,2026-12-01,ana\n"
            ",100,Qualification,2026-12-01,ana\n"
            "Bad stage,100,Maybe Later,2026-13-45,zed\n"
            "Also good,200,Closed Won,2026-11-01,bob\n")
    report = run_import(store, write(tmp_path / "bad.csv", text))
    assert not report.ok and deals(store) == []
    shown = report_text(report)
    assert "Nothing imported: 3 bad rows" in shown
    assert "line 3: bad amount '12x'" in shown and "line 4: missing name" in shown
    assert "line 5: unknown stage 'Maybe Later'" in shown and "bad date '2026-13-45'" in shown
    assert "unknown owner 'zed'" in shown and "Stages I did not know: Maybe Later" in shown
    assert "line 2" not in shown and "line 6" not in shown


async def test_reimport_changes_nothing_and_a_changed_row_moves_the_stage(chat, store, tmp_path):
    await _team(chat)
    path = write(tmp_path / "d.csv", ZOHO)
    run_import(store, path)
    again = run_import(store, path)
    assert again.counts == {"unchanged": 3}
    assert len(deals(store)) == 3
    moved = ZOHO.replace("1.234,56;Needs Analysis", "2.000,00;Proposal/Price Quote")
    report = run_import(store, write(path, moved))
    assert report.counts == {"updated": 1, "unchanged": 2}
    assert deals(store)[0][2:5] == (200000, "USD", "proposal")
    assert stage_moves(store)[-1] == ("qualified", "proposal")


async def test_match_by_name_and_account_without_an_id_column(chat, store, tmp_path):
    await _team(chat)
    text = "Deal Name,Account Name,Amount,Stage,Deal Owner\nAcme renewal,Acme Corp,100,lead,ana\n"
    run_import(store, write(tmp_path / "a.csv", text))
    report = run_import(store, write(tmp_path / "a.csv", text.replace(",100,", ",150,")))
    assert report.counts == {"updated": 1} and len(deals(store)) == 1


async def test_unknown_owners_are_created_when_asked_and_matched_by_email_after(chat, store, tmp_path):
    await _team(chat)
    text = "Deal Name,Amount,Stage,Deal Owner\nOne,100,lead,carla@example.com\nTwo,100,lead,Dan Brown\n"
    path = write(tmp_path / "o.csv", text)
    refused = run_import(store, path)
    assert "unknown owner 'carla@example.com'" in report_text(refused)
    created = run_import(store, path, create_people=True)
    assert created.applied and created.new_people == ["Dan Brown", "carla@example.com"]
    assert "carla" in people(store) and "Dan Brown" in people(store)
    third = "Deal Name,Amount,Stage,Deal Owner\nThree,100,lead,CARLA@example.com\n"
    assert run_import(store, write(tmp_path / "o3.csv", third)).applied
    assert deals(store)[-1][5] == "carla"


async def test_chinese_crm_export_in_gb18030(chat, store, tmp_path):
    await _team(chat)
    text = ("商机名称,客户名称,金额,销售阶段,预计成交日期,负责人\n"
            "华东区续约,上海某某科技有限公司,\"1,200,000\",方案报价,2026/12/31,ana\n"
            "深圳试点,深圳某公司,50000,赢单,2026年11月30日,bob\n")
    report = run_import(store, write(tmp_path / "商机.csv", text, "gb18030"))
    assert report.applied, report_text(report)
    assert deals(store)[0] == ("华东区续约", "上海某某科技有限公司", 120000000, "USD", "proposal", "ana")
    assert deals(store)[1][4] == "won"


async def test_latin1_tab_separated_file_with_decimal_comma(chat, store, tmp_path):
    await _team(chat)
    text = "Deal Name\tAccount Name\tAmount\tCurrency\tStage\tDeal Owner\nCafé Müller\tSociété Générale\t1234,5\tEUR\tlead\tana\n"
    report = run_import(store, write(tmp_path / "latin.csv", text, "latin-1"), decimal=",")
    assert report.applied, report_text(report)
    assert deals(store) == [("Café Müller", "Société Générale", 123450, "EUR", "lead", "ana")]


async def test_stage_map_and_map_options(chat, store, tmp_path):
    await _team(chat)
    text = "Title,Worth,Phase,Rep\nA,100,Warm,ana\nB,100,Hot,ana\n"
    path = write(tmp_path / "m.csv", text)
    column_map = {"Worth": "amount", "Phase": "stage", "Rep": "owner"}
    refused = run_import(store, path, column_map=column_map)
    assert "Stages I did not know: Hot, Warm" in report_text(refused)
    report = run_import(store, path, column_map=column_map, stage_map={"Warm": "qualified", "Hot": "negotiation"})
    assert report.applied and [d[4] for d in deals(store)] == ["qualified", "negotiation"]


async def test_ambiguous_dates_need_a_date_format(chat, store, tmp_path):
    await _team(chat)
    text = "Deal Name,Amount,Stage,Close Date,Owner\nA,100,lead,03/04/2026,ana\n"
    path = write(tmp_path / "amb.csv", text)
    refused = run_import(store, path)
    assert "could be day/month or month/day" in report_text(refused) and deals(store) == []
    assert run_import(store, path, date_format="DD/MM/YYYY").applied
    with store.workspace("console", "acme-sales") as ws:
        assert str(ws.deals.by_number(1).expected_close) == "2026-04-03"


async def test_xlsx_workbook(chat, store, tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    await _team(chat)
    book = Workbook()
    sheet = book.active
    sheet.append(["Deal Name", "Account Name", "Amount", "Stage", "Closing Date", "Deal Owner"])
    sheet.append(["Sheet deal", "Wayne", 4200.5, "Needs Analysis", datetime(2026, 12, 24), "bob"])
    book.save(tmp_path / "deals.xlsx")
    report = run_import(store, tmp_path / "deals.xlsx")
    assert report.applied, report_text(report)
    assert deals(store) == [("Sheet deal", "Wayne", 420050, "USD", "qualified", "bob")]
