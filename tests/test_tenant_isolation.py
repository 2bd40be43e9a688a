"""Two workspaces with the same names, person ids and deal numbers never see each other's rows."""
from tests.support.chat import reply_text


async def seed_twins(chat):
    """The same commands in two workspaces: same people, same deal names and numbers, same team."""
    for workspace in ("acme-sales", "globex-sales"):
        c = chat.in_(workspace)
        await c.say(f'deal add "Renewal" {"12k" if workspace == "acme-sales" else "99k"} account="Shared Co"')
        await c.as_("bob").say('deal add "Bob deal" 5k')
        await c.say('team create "East"')
        await c.say('team add "East" @bob')


async def test_commands_only_see_their_own_workspace(chat):
    await seed_twins(chat)
    acme, globex = chat.in_("acme-sales"), chat.in_("globex-sales")
    assert "Amount: $12,000" in reply_text(await acme.say("deal show #1"))
    assert "Amount: $99,000" in reply_text(await globex.say("deal show #1"))
    await globex.say("deal won #1")
    assert "Stage: lead" in reply_text(await acme.say("deal show #1"))
    acme_rows = (await acme.say("pipeline all")).table.rows
    assert acme_rows[-1] == ("Total", "2", "$17,000", "", "$1,700")


async def test_repositories_refuse_rows_of_another_workspace(chat, store):
    await seed_twins(chat)
    with store.workspace("console", "globex-sales") as globex:
        foreign_deal = globex.deals.by_number(1)
        foreign_person = globex.people.by_platform_id("bob")
        foreign_team = globex.teams.by_name("East")
        foreign_account = globex.accounts.by_name("Shared Co")
        ids = (foreign_deal.id, foreign_person.id, foreign_team.id, foreign_account.id)
    with store.workspace("console", "acme-sales") as acme:
        deal_id, person_id, team_id, account_id = ids
        assert acme.deals.by_id(deal_id) is None
        assert acme.people.get(person_id) is None
        assert acme.teams.get(team_id) is None
        assert acme.accounts.get(account_id) is None
        assert all(d.workspace_id == acme.workspace.id for d in acme.deals.listing(None, open_only=False))
        assert {p.platform_user_id for p in acme.people.all()} == {"ana", "bob"}
        assert acme.teams.member_ids([acme.teams.by_name("East")]) == {acme.people.by_platform_id("bob").id}
        assert sum(t.amount_minor for t in acme.deals.pipeline()) == 1_700_000
        assert len(acme.deals.by_prefix("renewal")) == 1


async def test_first_person_of_each_workspace_is_its_admin(chat):
    await seed_twins(chat)
    for workspace in ("acme-sales", "globex-sales"):
        assert "Role: admin" in reply_text(await chat.in_(workspace).say("whoami"))
        assert "Role: rep" in reply_text(await chat.in_(workspace).as_("bob").say("whoami"))
