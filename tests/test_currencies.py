"""Several currencies: `fx set|list`, every total converted to the base currency with one note saying at which
rates, deals without a rate never dropped silently, amounts stored unchanged."""
from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from hypothesis import HealthCheck, given, settings, strategies as st

from handlers.fx import factor_micro
from handlers.parsing.money import currency_exponent
from tests.schedules.support import utc
from tests.support.chat import reply_text

NOW = utc("2026-12-01 10:00")


async def _deals(chat):
    """Ana (admin) and Bob (rep) in team East; Bob has $10,000, €5,000 and £2,000 open, and €1,000 won."""
    await chat.say("whoami", at=NOW)
    bob = chat.as_("bob")
    await bob.say("whoami", at=NOW)
    await chat.say('team create "East"', at=NOW)
    await chat.say('team add "East" @bob', at=NOW)
    for line in ('deal add "Alpha" 10k partner="Brightline"', 'deal add "Beta" 5000 EUR partner="Brightline"',
                 'deal add "Gamma" 2000 GBP', 'deal add "Delta" 1000 EUR partner="Brightline"'):
        assert not (await bob.say(line, at=NOW)).is_error, line
    await bob.say("deal won #4", at=NOW)
    return bob


async def test_fx_set_is_for_admins_and_bad_rates_name_the_token(chat, store):
    bob = await _deals(chat)
    assert (await bob.say("fx set EUR 1.08", at=NOW)).is_error
    for line, expected in (("fx set EUR abc", "'abc' is not a rate"), ("fx set EUR -1", "'-1' is not a rate"),
                           ("fx set EUR 0", "'0' is not a rate"), ("fx set XYZ 1.2", "'XYZ' is not a currency"),
                           ("fx set USD 1", "USD is the base currency"), ("fx set EUR", "the rate is missing")):
        reply = await chat.say(line, at=NOW)
        assert reply.is_error and expected in reply.text and reply.footer.startswith("Usage: fx set"), line
    assert "No exchange rates yet" in (await chat.say("fx list", at=NOW)).text
    assert "1 EUR = 1.08 USD" in (await chat.say("fx set eur 1.08", at=NOW)).text
    listed = reply_text(await bob.say("fx list", at=NOW))
    assert "EUR | 1.08 | 01 Dec 2026" in listed


async def test_without_a_rate_totals_say_what_they_left_out(chat):
    bob = await _deals(chat)
    pipeline = await bob.say("pipeline", at=NOW)
    assert pipeline.table.rows[-1][:3] == ("Total", "1", "$10,000")
    assert "Left out (no rate): 1 deal in EUR (€5,000), 1 deal in GBP (£2,000)" in pipeline.footer
    kpi = await bob.say("kpi", at=NOW)
    assert "Left out (no rate): 2 deals in EUR (€6,000), 1 deal in GBP (£2,000)" in kpi.footer


async def test_with_rates_every_total_converts_and_says_so_once(chat, store):
    bob = await _deals(chat)
    await chat.say("fx set EUR 1.08", at=NOW)
    await chat.say("fx set GBP 1.25", at=NOW)
    note = "USD totals: EUR at 1.08, set 1 Dec; GBP at 1.25, set 1 Dec."
    pipeline = await bob.say("pipeline", at=NOW)
    assert pipeline.table.rows[-1][:3] == ("Total", "3", "$17,900")  # 10,000 + 5,400 + 2,500
    assert pipeline.footer == note
    kpi = dict((f.label, f.value) for f in (await bob.say("kpi", at=NOW)).facts)
    assert kpi["Won"] == "$1,080 — 1 deal" and kpi["Open pipeline"].startswith("$17,900 in 3 deals")
    dashboard = await bob.say("dashboard", at=NOW)
    assert "3 open deals worth $17,900" in dashboard.text and dashboard.footer == note
    board = await chat.say("leaderboard won_value all", at=NOW)
    assert ("1", "Bob", "$1,080") == board.table.rows[0][:3] and note in board.footer
    partners = await chat.say("partners all", at=NOW)
    brightline = next(row for row in partners.table.rows if row[0] == "Brightline")
    assert brightline[1] == "$1,080" and brightline[4] == "$15,400" and note in partners.footer
    assert reply_text(await bob.say("deal show #2", at=NOW)).count("€5,000") == 1  # stored unchanged
    with store.workspace("console", "acme-sales") as ws:
        assert (ws.deals.by_number(2).amount_minor, ws.deals.by_number(2).currency) == (500000, "EUR")


async def test_a_dashboard_with_three_currencies_counts_all_of_them_or_says_so(chat):
    """Day one: `dashboard` for a rep with USD, EUR and GBP deals counted only the USD ones, silently."""
    bob = await _deals(chat)
    await chat.say("fx set EUR 1.08", at=NOW)
    dashboard = await bob.say("dashboard", at=NOW)
    assert "2 open deals worth $15,400" in dashboard.text
    assert "Left out (no rate): 1 deal in GBP (£2,000)" in dashboard.footer


async def test_a_rate_belongs_to_the_base_currency_it_was_set_against(chat):
    bob = await _deals(chat)
    await chat.say("fx set EUR 1.08", at=NOW)
    await chat.say("settings currency GBP", at=NOW)
    pipeline = await bob.say("pipeline", at=NOW)
    assert pipeline.table.rows[-1][:3] == ("Total", "1", "£2,000")
    assert "1 deal in EUR (€5,000), 1 deal in USD ($10,000)" in pipeline.footer


async def test_the_digest_converts_too(chat):
    bob = await _deals(chat)
    await chat.say("fx set EUR 1.08", at=NOW)
    digest = await bob.say("digest preview", at=utc("2026-12-02 08:00"))
    facts = dict((f.label, f.value) for f in digest.facts)
    assert facts["Open pipeline"] == "$15,400" and "EUR at 1.08" in digest.footer


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amounts=st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=4),
       rate=st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("500"), places=4),
       code=st.sampled_from(["EUR", "JPY", "KWD"]))
def test_converted_totals_are_the_sum_of_each_deal_converted_and_truncated(chat, store, amounts, rate, code):
    workspace = f"fx-{code}-{rate}-{len(amounts)}-{sum(amounts)}"
    ana = chat.in_(workspace)
    ana.say_sync("whoami")
    for index, amount in enumerate(amounts):
        assert not ana.say_sync(f'deal add "D{index}" {amount} {code}').is_error
    set_reply = ana.say_sync(f"fx set {code} {rate}")
    if set_reply.is_error:  # a rate too small to express in cents is refused, and nothing converts
        return
    with store.workspace("console", workspace) as ws:
        minor = [d.amount_minor for d in ws.deals.listing(None, limit=10)]
        totals = ws.analytics.pipeline(None)
    factor = factor_micro(rate, code, "USD")
    expected = sum(int((Decimal(m) * factor / 10**6).to_integral_value(ROUND_DOWN)) for m in minor)
    assert sum(t.amount_minor for t in totals) == expected
    assert currency_exponent(code) in (0, 2, 3)
