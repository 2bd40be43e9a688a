"""`find`: the database's full-text search over deals, accounts, contacts and notes, kept in step with writes."""
from sqlalchemy import text

from storage.search import SearchIndex
from tests.crm.support import NOON, column, rows


async def _seed(chat):
    await chat.say('deal add "Northwind renewal" 12k account="Nörd Trading"', at=NOON)
    await chat.say('deal add "Globex" 5k', at=NOON)
    await chat.say('contact add "Zoë Northcott" account="Nörd Trading" title=CFO', at=NOON)
    await chat.say('log call #2 "asked about the northern warehouse"', at=NOON)


async def test_prefixes_case_and_accents_match(chat):
    await _seed(chat)
    found = await chat.say("find nort", at=NOON)
    kinds = [row[0] for row in rows(found)]
    assert sorted(kinds) == ["activity", "contact", "deal"]
    assert "3 matches for “nort” (showing 1–3 of 3), best first." == found.text
    assert sorted(column(await chat.say("find NORD", at=NOON), 2)) == ["Northwind renewal", "Nörd Trading", "Zoë Northcott"]
    assert column(await chat.say("find zoe", at=NOON), 2) == ["Zoë Northcott"]
    assert column(await chat.say("find cfo", at=NOON), 2) == ["Zoë Northcott"]
    assert (await chat.say("find nothinglikethis", at=NOON)).text == "Nothing matches “nothinglikethis”."


async def test_names_rank_above_notes_and_every_word_must_match(chat):
    await chat.say('deal add "Acme" 1k', at=NOON)
    await chat.say('log note #1 "the northwind people called"', at=NOON)
    await chat.say('deal add "Northwind" 2k', at=NOON)
    found = await chat.say("find northwind", at=NOON)
    assert [row[0] for row in rows(found)] == ["deal", "activity"]
    assert [row[0] for row in rows(await chat.say("find northwind called", at=NOON))] == ["activity"]
    assert found.actions[0].command == "deal show #2"


async def test_the_index_follows_renames_deletes_and_edits(chat):
    await _seed(chat)
    await chat.say('deal update #1 name="Southwind renewal"', at=NOON)
    assert "Southwind renewal" in column(await chat.say("find south", at=NOON), 2)
    assert "deal" not in [row[0] for row in rows(await chat.say("find northwind", at=NOON))]
    await chat.say('account update "Nörd Trading" name="Baltic Trading"', at=NOON)
    baltic = rows(await chat.say("find baltic", at=NOON))
    assert sorted(row[0] for row in baltic) == ["account", "contact", "deal"]  # the deal and contact show it too
    await chat.say("deal delete #2", at=NOON)
    assert (await chat.say("find warehouse", at=NOON)).text.startswith("Nothing matches")
    await chat.say("deal restore #2", at=NOON)
    assert [row[0] for row in rows(await chat.say("find warehouse", at=NOON))] == ["activity"]


async def test_a_rebuild_matches_what_the_writes_kept(chat, store):
    await _seed(chat)
    with store.workspace("console", "acme-sales") as ws:
        before = ws.session.connection().execute(text("SELECT kind, ref_id, name, body FROM search_doc "
                                                      "ORDER BY kind, ref_id")).all()
        SearchIndex(ws.session.connection(), ws.workspace.id).rebuild()
        after = ws.session.connection().execute(text("SELECT kind, ref_id, name, body FROM search_doc "
                                                     "ORDER BY kind, ref_id")).all()
    assert before == after and len(before) == 5  # 2 deals, 1 account, 1 contact, 1 activity


async def test_search_stays_in_its_workspace(chat):
    await _seed(chat)
    other = chat.in_("globex-sales")
    assert (await other.say("find nort", at=NOON)).text.startswith("Nothing matches")


async def test_bad_searches_are_refused(chat):
    assert (await chat.say("find", at=NOON)).text == "say what to look for, e.g. `find northwind`"
    assert (await chat.say("find \"!!!\"", at=NOON)).text == "Nothing matches “!!!”."
    assert "page=2" in (await chat.say("find x page=two", at=NOON)).text
