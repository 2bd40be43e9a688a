"""`undo`: the sender's own last change of the last ten minutes, once, said exactly; the audit keeps both."""
import subprocess
import sys
from datetime import timedelta

from tests.crm.support import NOON, column, rows, team
from tests.support.chat import reply_text

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def test_the_console_script_of_the_issue_shows_the_deal_gone(tmp_path):
    result = subprocess.run([sys.executable, "-m", "bot.cli", "console", "--as", "ana"], cwd=ROOT, text=True,
                            input='deal add "Oops" 5k\nundo\ndeal list mine\n', capture_output=True, timeout=120,
                            env={"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path}/cli.db"})
    assert result.returncode == 0, result.stderr
    after_undo = result.stdout[result.stdout.index("> undo"):]
    assert "Undone: #1 Oops added" in after_undo
    assert "No open deals for you." in after_undo[after_undo.index("> deal list mine"):]
    assert "Traceback" not in result.stdout + result.stderr


async def test_undoing_a_move_takes_it_out_of_the_funnel(chat):
    await chat.say('deal add "Acme" 10k', at=NOON)
    await chat.say("deal stage #1 qualified", at=NOON)
    won = await chat.say("deal won #1", at=NOON)
    assert not won.is_error
    undone = await chat.say("undo", at=NOON + timedelta(minutes=3))
    assert undone.text == "Undone: #1 moved from qualified to won — it is back in qualified."
    later = NOON + timedelta(minutes=4)
    funnel = {row[0]: row for row in rows(await chat.say("funnel all", at=later))}
    assert funnel["won"][1] == "0" and funnel["qualified"][1] == "1"
    assert "Won: $0 — 0 d" in reply_text(await chat.say("kpi all", at=later))
    assert "Stage: qualified (25%)" in reply_text(await chat.say("deal show #1", at=later))
    history = column(await chat.say("deal history #1", at=later), 2)
    assert history == ["added in lead", "moved from lead to qualified", "moved from qualified to won",
                       "undone: #1 moved from qualified to won — it is back in qualified"]


async def test_each_change_is_undone_once_newest_first(chat):
    await chat.say('deal add "Acme" 10k close=2026-12-01', at=NOON)
    await chat.say('deal update #1 amount=15k name="Acme 2" close=2026-12-20', at=NOON)
    await chat.say('log call #1 "called"', at=NOON)
    assert (await chat.say("undo", at=NOON)).text.startswith("Undone: the call logged as activity")
    undone = await chat.say("undo", at=NOON)
    assert undone.text.startswith("Undone: #1 updated (amount → $15,000, close → 2026-12-20, name → Acme 2)")
    shown = reply_text(await chat.say("deal show #1", at=NOON))
    assert "#1 Acme" in shown and "Amount: $10,000" in shown and "Close: 2026-12-01" in shown
    assert (await chat.say("undo", at=NOON)).text.startswith("Undone: #1 Acme added")
    assert (await chat.say("undo", at=NOON)).text.startswith("Nothing to undo")


async def test_only_your_own_changes_of_the_last_ten_minutes(chat):
    carla, bob, _, _ = await team(chat)
    await bob.say('deal add "Bob deal" 1k', at=NOON)
    assert (await carla.say("undo", at=NOON)).text.startswith("Nothing to undo")
    assert (await bob.say("undo", at=NOON + timedelta(minutes=11))).text.startswith("Nothing to undo")
    assert column(await chat.say("deal list all", at=NOON + timedelta(minutes=11))) == ["Bob deal"]


async def test_a_change_someone_made_since_is_not_overwritten(chat):
    carla, bob, _, _ = await team(chat)
    await bob.say('deal add "Bob deal" 1k', at=NOON)
    await bob.say("deal update #1 amount=2k", at=NOON)
    await carla.say("deal update #1 amount=3k", at=NOON)
    refused = await bob.say("undo", at=NOON)
    assert refused.is_error and "has changed since" in refused.text
    assert "Amount: $3,000" in reply_text(await bob.say("deal show #1", at=NOON))


async def test_delete_and_activity_changes_are_undone(chat):
    await chat.say('deal add "Acme" 10k', at=NOON)
    await chat.say('log call #1 "first"', at=NOON)
    activity_id = rows(await chat.say("activity list #1", at=NOON))[0][0]
    await chat.say(f'activity edit {activity_id} "second"', at=NOON)
    assert (await chat.say("undo", at=NOON)).text == (
        f"Undone: the edit of activity {activity_id} — its notes read “first” again.")
    await chat.say(f"activity delete {activity_id}", at=NOON)
    assert (await chat.say("undo", at=NOON)).text == f"Undone: activity {activity_id} (call) deleted — it is back."
    await chat.say("deal delete #1", at=NOON)
    assert (await chat.say("undo", at=NOON)).text == "Undone: #1 Acme deleted — it is back."
    assert column(await chat.say("deal list", at=NOON)) == ["Acme"]
    assert column(await chat.say("activity list #1", at=NOON), 5) == ["first"]


async def test_undo_takes_no_arguments(chat):
    reply = await chat.say("undo everything", at=NOON)
    assert reply.is_error and reply.text == "'everything' was not expected here"
