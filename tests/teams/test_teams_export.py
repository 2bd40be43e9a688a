"""`export deals` on Teams: a card with a signed download link, served by the bot, valid for an hour."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.teams.activities import personal_message
from tests.teams.conftest import NO_AUTH
from tests.teams.support import words


def download_url(card: dict) -> str:
    for element in card["body"]:
        if element.get("type") == "ActionSet":
            return element["actions"][0]["url"]
    raise AssertionError(f"no download button in {card}")


async def _export(server) -> dict:
    await server.post(personal_message('deal add "Globex expansion" 40k', server.connector.url))
    await server.post(personal_message("export deals", server.connector.url))
    return server.connector.last_card()


async def test_the_card_links_the_file_and_the_link_serves_it(serve):
    server = await serve({**NO_AUTH, "SALESBOT_PUBLIC_URL": "http://placeholder"})
    server.runtime.bot.files.base_url = server.url  # the port is known only once the server runs
    card = await _export(server)
    assert "Exported 1 deal" in words(card)
    url = download_url(card)
    async with server.http.get(url) as response:
        assert response.status == 200
        assert "attachment" in response.headers["Content-Disposition"]
        assert "Globex expansion,,40000.00,USD,lead" in (await response.read()).decode("utf-8-sig")
    expires = int(parse_qs(urlsplit(url).query)["exp"][0])
    import time
    assert expires - time.time() <= 3600


async def test_a_forged_or_stretched_link_is_refused(serve):
    server = await serve({**NO_AUTH, "SALESBOT_PUBLIC_URL": "http://placeholder"})
    server.runtime.bot.files.base_url = server.url
    url = download_url(await _export(server))
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    stretched = f"{server.url}{parts.path}?exp={int(query['exp'][0]) + 86400}&sig={query['sig'][0]}"
    for bad in (stretched, f"{server.url}{parts.path}?exp=1&sig=00", f"{server.url}/api/files/nope?exp=1&sig=x"):
        async with server.http.get(bad) as response:
            assert response.status == 403


async def test_without_a_public_url_the_card_says_what_to_set(teams):
    card = await _export(teams)
    assert "SALESBOT_PUBLIC_URL" in words(card)
