"""`salesbot export`: stage history, and feedback that names nobody when its answers were anonymous."""
from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from handlers.clock import utc_now
from tests.dataio.support import export_csv

ROOT = Path(__file__).resolve().parents[2]


def _feedback(store, anonymous: bool) -> None:
    now = utc_now()
    with store.workspace("console", "acme-sales") as ws:
        people = [ws.people.ensure(name, name.capitalize()) for name in ("ana", "bob", "carla")]
        prompt = ws.schedules.add("feedback", title="How was the week?", answer_kind="scale", anonymous=anonymous)
        round_ = ws.feedback.open_round(prompt.id, "2026-11-27", now, now + timedelta(hours=4))
        for person, value in zip(people, ("4", "2", "5")):
            ws.feedback.answer(round_, person.id, value, f"comment from {person.handle}" if not anonymous else "",
                               anonymous, now)


def test_named_feedback_names_people(store):
    _feedback(store, anonymous=False)
    lines = export_csv(store, "feedback").splitlines()
    assert lines[0] == "prompt,occurrence,answered_at,value,comment,person"
    assert sorted(line.split(",")[-1] for line in lines[1:]) == ["ana", "bob", "carla"]


def test_anonymous_feedback_has_no_person_column_and_no_answer_times(store):
    _feedback(store, anonymous=True)
    lines = export_csv(store, "feedback").splitlines()
    assert lines[0] == "prompt,occurrence,answered_at,value,comment"
    assert [line.split(",")[3] for line in lines[1:]] == ["2", "4", "5"]  # ordered by value, not by who
    assert all(line.split(",")[2] == "" for line in lines[1:])
    assert not any(name in "\n".join(lines) for name in ("ana", "bob", "carla", "Ana", "Bob"))


async def test_stage_history_lists_every_move(chat, store):
    await chat.say('deal add "Acme" 12k')
    await chat.say("deal stage #1 proposal")
    await chat.say("deal won #1")
    lines = export_csv(store, "stage-history").splitlines()
    assert lines[0] == "deal_number,deal,from_stage,to_stage,changed_at,owner,actor"
    assert [line.split(",")[2:4] for line in lines[1:]] == [["", "lead"], ["lead", "proposal"], ["proposal", "won"]]


def _salesbot(args, tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path}/cli.db"}
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120)


def test_cli_import_dry_run_then_import_then_export_xlsx(tmp_path):
    data = tmp_path / "Deals.csv"
    data.write_text("\ufeffDeal Name;Amount;Stage;Deal Owner\nAcme;1.500,00;Closed Won;Ana Silva\n",
                    encoding="utf-8")
    dry = _salesbot(["import", "deals", str(data), "--create-people", "--dry-run"], tmp_path)
    assert dry.returncode == 0 and "Dry run — nothing written. Would import deals: 1 created" in dry.stdout
    done = _salesbot(["import", "deals", str(data), "--create-people"], tmp_path)
    assert done.returncode == 0 and "Imported deals: 1 created" in done.stdout
    out = tmp_path / "deals.xlsx"
    exported = _salesbot(["export", "deals", "--format", "xlsx", "--out", str(out)], tmp_path)
    assert exported.returncode == 0 and "exported 1 deals rows" in exported.stderr
    from openpyxl import load_workbook

    rows = list(load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    assert rows[1][1:7] == ("Acme", None, "1500.00", "USD", "won", "won")


def test_cli_refusals_are_one_line_and_exit_codes(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Deal Name,Amount,Stage,Deal Owner\nA,zz,lead,x\nB,1,lead,x\n,1,nope,x\n", encoding="utf-8")
    refused = _salesbot(["import", "deals", str(bad)], tmp_path)
    assert refused.returncode == 1 and "Nothing imported: 3 bad rows" in refused.stdout
    assert all(f"line {n}:" in refused.stdout for n in (2, 3, 4)) and "Traceback" not in refused.stderr
    missing = _salesbot(["import", "deals", str(tmp_path / "nope.csv")], tmp_path)
    assert missing.returncode == 2 and missing.stderr.strip().startswith("salesbot: no file")
    no_map = _salesbot(["import", "deals", str(bad), "--stage-map", "oops"], tmp_path)
    assert no_map.returncode == 2 and "--stage-map takes NAME=VALUE, not 'oops'" in no_map.stderr
    zoho = _salesbot(["zoho", "check"], tmp_path)
    assert zoho.returncode == 2 and "Zoho CRM is not configured" in zoho.stderr
