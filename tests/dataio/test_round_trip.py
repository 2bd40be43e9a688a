"""Export, then import into an empty workspace: the same deals, owners, stages and amounts."""
from __future__ import annotations

from tests.dataio.support import deals, export_csv, run_import, stage_moves, write


async def test_export_then_import_into_an_empty_workspace(chat, store, tmp_path):
    await chat.say('deal add "Acme renewal" 12k stage=proposal account="Acme Corp" close=2026-12-15')
    await chat.say('deal add "Yen deal" 5000000 JPY')
    bob = chat.as_("bob")
    await bob.say('deal add "Bob big" 1.5m stage=negotiation')
    await bob.say('deal lost #3 reason="budget cut"')
    await chat.say("deal won #2")
    text = export_csv(store, "deals")
    assert text.splitlines()[0] == ("number,name,account,amount,currency,stage,status,close_date,owner,"
                                    "owner_name,created_at,closed_at,lost_reason")
    report = run_import(store, write(tmp_path / "deals.csv", text), workspace="empty-one", create_people=True)
    assert report.applied, report.errors
    assert deals(store, "empty-one") == deals(store)
    assert export_csv(store, "deals", "empty-one").splitlines()[1].split(",")[1:10] == \
        text.splitlines()[1].split(",")[1:10]
    again = run_import(store, write(tmp_path / "deals.csv", text), workspace="empty-one", create_people=True)
    assert again.counts == {"unchanged": 3}
    assert [move[1] for move in stage_moves(store, "empty-one")] == ["proposal", "won", "lost"]


async def test_activities_and_accounts_round_trip(chat, store, tmp_path):
    await chat.say('deal add "Acme renewal" 12k account="Acme Corp"')
    await chat.say('log call #1 "pricing agreed, 3 seats"')
    await chat.say('log visit "Acme Corp" "site tour"')
    run_import(store, write(tmp_path / "d.csv", export_csv(store, "deals")), workspace="copy", create_people=True)
    accounts = run_import(store, write(tmp_path / "a.csv", export_csv(store, "accounts")), "accounts",
                          workspace="copy")
    assert accounts.counts == {"unchanged": 1}
    activities = export_csv(store, "activities")
    report = run_import(store, write(tmp_path / "act.csv", activities), "activities", workspace="copy")
    assert report.applied and report.counts == {"created": 2}
    copied = export_csv(store, "activities", "copy").splitlines()
    assert [line.split(",")[1:4] for line in copied[1:]] == [line.split(",")[1:4] for line in activities.splitlines()[1:]]
    assert run_import(store, write(tmp_path / "act.csv", activities), "activities",
                      workspace="copy").counts == {"unchanged": 2}
