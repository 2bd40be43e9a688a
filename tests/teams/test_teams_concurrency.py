"""Messages arriving together (a busy team) are all answered, each with its own deal number."""
import asyncio

from tests.teams.activities import as_user, personal_message
from tests.teams.support import deals, words


async def test_simultaneous_deal_adds_all_succeed(teams):
    url = teams.connector.url
    activities = [as_user(personal_message(f'deal add "Deal {n}" {n}k', url), f"rep-{n}", f"Rep {n}")
                  for n in range(1, 7)]
    results = await asyncio.gather(*(teams.post(activity) for activity in activities))
    assert [status for status, _ in results] == [200] * 6
    assert sorted(d.number for d in deals(teams.store)) == [1, 2, 3, 4, 5, 6]
    assert all("added" in words(card) for card in teams.connector.cards())
