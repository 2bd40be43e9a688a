"""Every command × every kind of person: allowed or refused, and a refusal writes nothing at all.

The people (default visibility `team`): bob is a rep in East (managed by maria), carl a rep in West (managed
by wendy), ana the admin; zed is a rep of another workspace, typing the same lines — ids included — there.
The lines act on bob's things: his deal #1 (of Acme Corp, an account he looks after, with a contact Dana
Reyes), a deal of his in the bin, his logged call, his task, his meeting, his approval request and training,
the question maria asked East.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select, text
from sqlmodel import SQLModel

from handlers.clock import utc_now
from handlers.commands import FORM_HANDLERS, build_registry
from handlers.context import FormSubmission, Origin, Sender
from storage.search import SearchIndex
from tests.schedules.support import RecordingMessenger, make_ticker
from tests.support.snapshot import db_snapshot

R, RO, MO, M, A, F = "rep", "rep of another team", "manager of another team", "manager", "admin", "other workspace"
ACTORS = {R: ("acme-sales", "bob"), RO: ("acme-sales", "carl"), MO: ("acme-sales", "wendy"),
          M: ("acme-sales", "maria"), A: ("acme-sales", "ana"), F: ("globex-sales", "zed")}
ALL = frozenset(ACTORS)
BOBS = frozenset({R, M, A})  # bob's things: bob, his manager, the admin
MANAGERS = frozenset({M, MO, A})

MATRIX: tuple[tuple[str, frozenset], ...] = (
    ("help", ALL), ("whoami", ALL),
    ('deal add "Matrix deal" 5k', ALL), ("deal show #1", BOBS), ("deal list @bob", BOBS),
    ("deal update #1 amount=6k", BOBS), ("deal stage #1 qualified", BOBS), ("deal won #1", BOBS),
    ('deal lost #1 reason="price"', BOBS), ('log call #1 "called"', BOBS), ("pipeline @bob", BOBS),
    ("dashboard", ALL),
    ('team create "North"', MANAGERS), ("team add East @carl", {M, A}), ("team manager East @wendy", {A}),
    ("team channel East here", {M, A}), ("role @carl manager", {A}),
    ("settings timezone Europe/Lisbon", ALL), ("settings language zh-CN me", ALL), ("settings language de", ALL), ("settings currency EUR", {A}), ("settings bigdeal 100k", {A}),
    ("settings riskdays 10", {A}), ("settings visibility open", {A}),
    ("stages", ALL), ("stages set lead:10 qualified:30", {A}),
    ("funnel @bob", BOBS), ("kpi @bob", BOBS), ("target set @bob won_value 10k", {M, A}), ("target list", ALL),
    ("leaderboard all", ALL), ("risks @bob", BOBS), ("partners @bob", BOBS),
    ("digest subscribe", ALL), ("digest unsubscribe", {R}), ("digest preview", ALL), ("digest list", ALL),
    ("digest charts on", {A}),
    ('meeting add "Sync" weekly mon 09:00', ALL), ('meeting add "1:1 with @bob" weekly thu 10:00', {M, A}),
    ('meeting add "Sync" weekly thu 10:00 agenda=scorecard with=@bob', {M, A}), ("meeting list", ALL), ("meeting cancel {meeting}", BOBS),
    ("meeting skip {meeting}", BOBS),
    ('feedback ask "Lunch?" yesno', ALL), ("feedback template pulse", {M, MO}), ("feedback list", ALL),
    ("feedback close {prompt}", {M, A}), ("feedback results {prompt}", {M, A}),
    ("feedback answer {prompt} yes", {R}), ("feedback comment {prompt}", {R}),
    ("nudges on", {A}), ("quiet 19:00-08:00", ALL),
    ('kudos @bob "great call"', {RO, MO, M, A}), ("kudos list all", ALL),
    ('training add "Negotiation" for=@bob', BOBS), ("training done {training}", {R}), ("training list @bob", BOBS),
    ('intel "Globex cut prices"', ALL), ("intel list @bob", BOBS),
    ('csat "Acme Corp" 4', ALL - {F}), ('csat link "Acme Corp"', ALL - {F}), ("scorecard @bob", BOBS),
    ("approval ask #1 discount=10%", {R, M}),  # an admin has no manager to ask: approver= is needed
    ("approval approve {approval}", {M, A}),
    ('approval reject {approval} "too deep"', {M, A}), ("approval list", ALL),
    # Fixing mistakes (docs/crm.md): the deal's owner, their manager or an admin; handing over needs an admin
    # or a manager of both people (a manager may take deals themselves); `undo` takes back only one's own change.
    ("deal delete #1", BOBS), ("deal restore #{binned}", BOBS), ("deal history #1", BOBS),
    ("deal reassign @bob @maria", {M, A}), ("undo", ALL),
    ('activity list @bob', BOBS), ('activity edit {activity} "pricing agreed"', BOBS),
    ("activity delete {activity}", BOBS),
    ("find Acme", ALL),
    # Accounts and contacts: an account someone looks after (Acme Corp: bob) is changed by them, their manager
    # or an admin; reading an account is open to the workspace. zed's line makes an Acme Corp of his own.
    ("account list @bob", BOBS), ('account show "Acme Corp"', ALL - {F}),
    ('account update "Acme Corp" industry=Retail', BOBS),
    # Key accounts (docs/rhythm.md): marked, re-paced or unmarked by whoever may change the account.
    ('account key "Acme Corp" every=14d', BOBS), ('account key "Acme Corp" off', BOBS),
    ("account list key @bob", BOBS),
    ('contact add "Lee Park" account="Acme Corp"', BOBS | {F}), ('contact list "Acme Corp"', ALL - {F}),
    ('contact show "Dana"', ALL - {F}), ('contact update "Dana" title=CFO', BOBS),
    # Tasks (docs/tasks.md): for oneself, a manager for their team, an admin for anyone; whoever a task is for,
    # their manager, an admin or its creator finishes or snoozes it.
    ('task add "Send the proposal" due=tomorrow for=@bob', BOBS), ("task list @bob", BOBS),
    ("task done {task}", BOBS), ("task snooze {task} 1d", BOBS),
    ("fx set EUR 1.08", {A}), ("fx list", ALL),
    # Forecasts: reading follows visibility; submitting is a rep's (own) or a manager's (team); an admin has
    # nothing to submit; adjusting is a manager's for their people, or an admin's; the map and period are admins'.
    ("forecast @bob", BOBS), ("forecast deals commit @bob", BOBS), ("forecast movement @bob", BOBS),
    ("forecast accuracy @bob", BOBS), ("forecast chart people @bob", BOBS),
    ("forecast form", ALL - {A}), ("forecast submit commit=5k best=8k", ALL - {A}),
    ("forecast adjust @bob commit=4k", {M, A}), ("deal forecast #1 commit", BOBS),
    ("forecast map proposal=commit", {A}), ("settings forecast month", {A}),
    ("forecast remind thu 15:00", MANAGERS),
    ("export deals mine", ALL), ("export deals all", {A}),
)
# The comment form sent back (a Slack modal, a Teams card): its `round` field carries the question (prompt) #,
# the same rule as its button.
FORMS = (("feedback.answer", {"round": "{prompt}", "answer": "yes"}, {R}),
         ("deal_add", {"name": "Form deal", "amount": "8k", "stage": "lead"}, ALL),
         ("log_activity", {"target": "#1", "kind": "call", "notes": "from the form"}, BOBS),
         ("approval_reject", {"approval": "{approval}", "reason": "margin too thin"}, {M, A}),
         ("contact_add", {"name": "Kim Lee", "account": "Acme Corp"}, BOBS | {F}),
         ("forecast.submit", {"commit": "5k", "best": "8k"}, ALL - {A}))


_SEEDED: dict[str, tuple[dict, dict]] = {}  # backend -> (every row, the ids the lines name)


async def seeded(chat, store, engine) -> dict[str, str]:
    """The seed, run through the commands once per backend and copied into each later test's empty database
    (301 cases would otherwise spend minutes typing the same 25 commands)."""
    if engine.dialect.name not in _SEEDED:
        ids = await seed(chat, store)
        _SEEDED[engine.dialect.name] = (copy_rows(engine), ids)
    else:
        paste_rows(engine, _SEEDED[engine.dialect.name][0])
    return _SEEDED[engine.dialect.name][1]


def copy_rows(engine) -> dict[str, list[dict]]:
    with engine.connect() as connection:
        return {t.name: [dict(row._mapping) for row in connection.execute(select(t))]
                for t in SQLModel.metadata.sorted_tables}


def restore(engine) -> None:
    """Back to the seed after an allowed command changed things, so the next person meets the same state."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":  # the search index is no model table, but refers to workspaces
            connection.execute(text("DELETE FROM search_doc"))
        for table in reversed(SQLModel.metadata.sorted_tables):
            connection.execute(table.delete())
    paste_rows(engine, _SEEDED[engine.dialect.name][0])


def paste_rows(engine, rows: dict[str, list[dict]]) -> None:
    with engine.begin() as connection:
        for table in SQLModel.metadata.sorted_tables:
            if rows[table.name]:
                connection.execute(table.insert(), rows[table.name])
        if engine.dialect.name == "postgresql":  # the ids were given: move each sequence past them
            for table in SQLModel.metadata.sorted_tables:
                if "id" in table.c and rows[table.name] and table.c.id.autoincrement in (True, "auto"):
                    connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                            f"(SELECT max(id) FROM \"{table.name}\"))"))
        for workspace in rows["workspace"]:  # the search index is no model table: rebuilt, as after a bulk load
            SearchIndex(connection, workspace["id"]).rebuild()


async def seed(chat, store) -> dict[str, str]:
    """Both workspaces, and the ids of bob's meeting, maria's question to East and its open round."""
    for user in ("ana", "maria", "wendy", "bob", "carl"):
        await chat.as_(user).say("whoami")
    for line in ('team create "East"', 'team manager "East" @maria', 'team add "East" @bob',
                 'team create "West"', 'team manager "West" @wendy', 'team add "West" @carl',
                 "role @maria manager", "role @wendy manager"):
        assert not (await chat.say(line)).is_error, line
    bob = chat.as_("bob")
    for line in ('deal add "Bob deal" 5k account="Acme Corp"', "digest subscribe",
                 'meeting add "Bob sync" weekly tue 10:00', 'intel "Initech is hiring"'):
        assert not (await bob.say(line)).is_error, line
    for line in ('account update "Acme Corp" owner=@bob', 'contact add "Dana Reyes" account="Acme Corp"',
                 'log call #1 "intro call"', 'account key "Acme Corp" every=30d'):
        assert not (await bob.say(line)).is_error, line
    task = re.search(r"Task (\d+)", (await bob.say('task add "Call Dana" #1 due=tomorrow')).text)
    binned = re.search(r"#(\d+)", (await bob.say('deal add "Bob old deal" 1k')).text).group(1)
    assert not (await bob.say(f"deal delete #{binned}")).is_error
    approval = re.search(r"Approval (\d+) asked", (await bob.say("approval ask #1 discount=5%")).text).group(1)
    training = re.search(r"Training (\d+) ", (await chat.as_("maria").say('training add "Onboarding" for=@bob')).text)
    assert not (await chat.as_("carl").say('deal add "Carl deal" 7k')).is_error
    for user in ("maria", "bob"):  # the question goes out now, whatever the hour the suite runs at
        assert not (await chat.as_(user).say("quiet off")).is_error
    assert not (await chat.as_("maria").say('feedback ask "Ready?" yesno team')).is_error
    await make_ticker(store, RecordingMessenger()).tick(utc_now())
    for user in ("yuri", "zed"):  # yuri is the other workspace's admin, zed one of its reps
        await chat.in_("globex-sales").as_(user).say("whoami")
    with store.workspace("console", "acme-sales") as ws:
        meeting = ws.schedules.active("meeting")[0].id
        prompt = next(p for p in ws.schedules.active("feedback") if p.title == "Ready?")
        round_id = ws.feedback.rounds_of(prompt.id)[-1].id
        activity = ws.activities.for_account(ws.accounts.by_name("Acme Corp").id, limit=1)[0].id
    return {"meeting": str(meeting), "prompt": str(prompt.id), "round": str(round_id), "approval": approval,
            "training": training.group(1), "task": task.group(1), "activity": str(activity), "binned": binned}


def acme_rows(engine) -> dict[str, list]:
    """The rows of the first workspace, in every table that says whose rows they are."""
    tables = SQLModel.metadata.tables
    with engine.connect() as connection:
        acme = connection.execute(select(tables["workspace"].c.id)
                                  .where(tables["workspace"].c.external_id == "acme-sales")).scalar()
        return {name: sorted(map(tuple, connection.execute(select(t).where(t.c.workspace_id == acme))), key=repr)
                for name, t in tables.items() if "workspace_id" in t.c}


def check(reply, allowed: bool, before, after, line: str, actor: str) -> None:
    if allowed:
        assert not reply.is_error, f"{actor} should be allowed `{line}`: {reply.text}"
    else:
        assert reply.is_error, f"{actor} should be refused `{line}`: {reply.text}"
        assert after == before, f"{actor}'s refused `{line}` wrote to the database"


@pytest.mark.parametrize("line,allowed", MATRIX, ids=[line for line, _ in MATRIX])
async def test_every_command_for_every_kind_of_person(chat, store, engine, processor, line, allowed):
    processor.public_url = "https://bot.example.com"  # what `csat link` needs to make a link at all
    ids = await seeded(chat, store, engine)
    for actor, (workspace, user) in ACTORS.items():
        snapshot = acme_rows if actor == F else db_snapshot
        before = snapshot(engine)
        reply = await chat.in_(workspace).as_(user).say(line.format(**ids))
        after = snapshot(engine)
        check(reply, actor in allowed, before, after, line, actor)
        if actor == F:  # whatever it may do in its own workspace, nothing of the first one changed
            assert after == before, f"`{line}` from another workspace changed the first one"
        if actor in allowed:
            restore(engine)


@pytest.mark.parametrize("form_id,values,allowed", FORMS, ids=[f[0] for f in FORMS])
async def test_every_form_for_every_kind_of_person(chat, store, engine, processor, form_id, values, allowed):
    ids = await seeded(chat, store, engine)
    for actor, (workspace, user) in ACTORS.items():
        before = db_snapshot(engine)
        sent = FormSubmission(form_id, {k: v.format(**ids) for k, v in values.items()}, Sender(user, user.capitalize()),
                              Origin("console", workspace, workspace.title(), "C-general"))
        reply = await processor.submit_async(sent)
        check(reply, actor in allowed, before, db_snapshot(engine), form_id, actor)
        if actor in allowed:
            restore(engine)


def test_the_matrix_covers_every_command_in_the_table():
    registry = build_registry()
    covered = {registry.resolve(line.split())[0].name for line, _ in MATRIX}
    assert covered == set(registry.specs), f"commands without a row: {set(registry.specs) - covered}"
    assert {form_id for form_id, _, _ in FORMS} == set(FORM_HANDLERS), "a form without a row"
