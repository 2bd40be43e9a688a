"""`salesbot import contacts` and `export contacts|tasks`: CRM exports as they come, all or nothing, idempotent."""
from __future__ import annotations

from sqlmodel import select

from handlers.dataio.wording import report_text
from storage.models import Contact
from tests.dataio.support import export_csv, run_import, write, WORKSPACE

# As Zoho CRM's Contacts export writes it (semicolons when the locale asks, a BOM).
ZOHO = ("\ufeffRecord Id;Contact Owner;First Name;Last Name;Account Name;Title;Email;Phone;Mobile\n"
        "zc1;ana;Dana;Scully;Acme Corp;CFO;dana@acme.example;+1 555 010 2030;\n"
        "zc2;Bob;Fox;Mulder;Globex;;fox@globex.example;;+1 555 010 9999\n")
# A Salesforce Contacts report.
SALESFORCE = ("Contact ID,First Name,Last Name,Title,Account Name,Email,Phone,Contact Owner\n"
              "003A1,Walter,Skinner,Director,Umbrella,walter@umbrella.example,(555) 010-4444,Bob\n")
# A HubSpot contacts export.
HUBSPOT = ("Record ID,First Name,Last Name,Email,Phone Number,Job Title,Associated Company,Contact owner\n"
           "901,Monica,Reyes,monica@hooli.example,,VP Sales,Hooli,ana\n")
CHINESE = "联系人姓名,客户名称,职务,手机,邮箱,负责人\n王芳,上海华信,采购经理,13800138000,wang@huaxin.example,ana\n"


def contacts(store, workspace: str = WORKSPACE) -> list[tuple]:
    """Every contact as (name, account, title, email, phone), by id."""
    with store.workspace("console", workspace) as ws:
        rows = ws.session.exec(select(Contact).where(Contact.workspace_id == ws.workspace.id).order_by(Contact.id))
        return [(c.name, ws.accounts.get(c.account_id).name, c.title, c.email, c.phone) for c in rows]


async def _team(chat):
    await chat.say("whoami")
    await chat.as_("bob").say("whoami")


async def test_zoho_contacts_import_after_a_clean_dry_run(chat, store, tmp_path):
    await _team(chat)
    path = write(tmp_path / "Contacts_export.csv", ZOHO)
    dry = run_import(store, path, "contacts", dry_run=True)
    shown = report_text(dry)
    assert dry.ok and "Would import contacts: 2 created" in shown
    assert "First Name → first_name" in shown and "Account Name → account" in shown
    assert contacts(store) == []
    report = run_import(store, path, "contacts")
    assert report.applied and report.counts == {"created": 2}
    assert contacts(store) == [("Dana Scully", "Acme Corp", "CFO", "dana@acme.example", "+1 555 010 2030"),
                               ("Fox Mulder", "Globex", None, "fox@globex.example", "+1 555 010 9999")]
    reply = await chat.say("contact show Dana")
    assert "dana@acme.example" in str(reply.facts) and "Acme Corp" in str(reply.facts)


async def test_salesforce_hubspot_and_chinese_contact_files(chat, store, tmp_path):
    await _team(chat)
    files = (("sf.csv", SALESFORCE, "utf-8"), ("hubspot.csv", HUBSPOT, "utf-8"), ("cn.csv", CHINESE, "gb18030"))
    for name, text, encoding in files:
        report = run_import(store, write(tmp_path / name, text, encoding), "contacts")
        assert report.applied, report_text(report)
    assert contacts(store) == [("Walter Skinner", "Umbrella", "Director", "walter@umbrella.example",
                                "(555) 010-4444"),
                               ("Monica Reyes", "Hooli", "VP Sales", "monica@hooli.example", None),
                               ("王芳", "上海华信", "采购经理", "wang@huaxin.example", "13800138000")]


async def test_three_bad_contact_rows_import_nothing_and_are_all_named(chat, store, tmp_path):
    await _team(chat)
    text = ("First Name,Last Name,Account Name,Email,Phone,Contact Owner\n"
            "Good,One,Acme,good@acme.example,,ana\n"
            "No,Account,,no@acme.example,,ana\n"
            "Bad,Email,Acme,not-an-email,12,ana\n"
            ",,Acme,,,zed\n")
    report = run_import(store, write(tmp_path / "bad.csv", text), "contacts")
    shown = report_text(report)
    assert not report.ok and contacts(store) == []
    assert "Nothing imported: 3 bad rows" in shown and "line 3: missing account" in shown
    assert "line 4: bad email 'not-an-email'; bad phone '12'" in shown
    assert "line 5: missing name; unknown owner 'zed'" in shown and "line 2" not in shown


async def test_a_file_without_a_name_column_is_refused_by_name(chat, store, tmp_path):
    report_error = None
    try:
        run_import(store, write(tmp_path / "x.csv", "Email,Account Name\na@b.example,Acme\n"), "contacts")
    except ValueError as error:
        report_error = str(error)
    assert report_error and report_error.startswith("no column for name (or last_name) among the headers")


async def test_reimport_changes_nothing_and_a_changed_row_updates(chat, store, tmp_path):
    await _team(chat)
    path = write(tmp_path / "c.csv", ZOHO)
    run_import(store, path, "contacts")
    assert run_import(store, path, "contacts").counts == {"unchanged": 2}
    moved = ZOHO.replace(";CFO;", ";CEO;")
    assert run_import(store, write(path, moved), "contacts").counts == {"updated": 1, "unchanged": 1}
    assert contacts(store)[0][2] == "CEO" and len(contacts(store)) == 2
    # Without the id column the same people are found by email: still nothing duplicated.
    no_ids = "\n".join(line.split(";", 1)[1] for line in moved.lstrip("\ufeff").splitlines())
    assert run_import(store, write(path, no_ids), "contacts").counts == {"unchanged": 2}


async def test_contacts_export_then_import_into_an_empty_workspace(chat, store, tmp_path):
    await _team(chat)
    run_import(store, write(tmp_path / "c.csv", ZOHO), "contacts")
    text = export_csv(store, "contacts")
    assert text.splitlines()[0] == "id,name,account,title,email,phone,owner,owner_name"
    assert text.splitlines()[1].split(",")[1:7] == ["Dana Scully", "Acme Corp", "CFO", "dana@acme.example",
                                                    "+1 555 010 2030", "ana"]
    copied = run_import(store, write(tmp_path / "out.csv", text), "contacts", workspace="empty-one",
                        create_people=True)
    assert copied.applied and copied.counts == {"created": 2}
    assert contacts(store, "empty-one") == contacts(store)
    assert [line.split(",")[1:] for line in export_csv(store, "contacts", "empty-one").splitlines()] == \
        [line.split(",")[1:] for line in text.splitlines()]
    again = run_import(store, write(tmp_path / "out.csv", text), "contacts", workspace="empty-one")
    assert again.counts == {"unchanged": 2}


async def test_tasks_export_lists_what_is_due_with_its_deal(chat, store):
    await chat.say('deal add "Acme renewal" 12k account="Acme Corp"')
    await chat.say('task add "send the quote" #1 due=2026-12-15 10:00')
    await chat.say('task add "call Globex" due=2026-12-20')
    lines = export_csv(store, "tasks").splitlines()
    assert lines[0] == "id,title,assignee,assignee_name,status,due_at,deal,deal_number,account,created_at,done_at"
    cells = [line.split(",") for line in lines[1:]]
    assert [(c[1], c[2], c[4], c[6], c[7]) for c in cells] == [("send the quote", "ana", "open", "Acme renewal", "1"),
                                                              ("call Globex", "ana", "open", "", "")]
