"""`account show` lists the open tasks on the account and on its deals."""
from tests.crm.support import NOON
from tests.support.chat import reply_text


async def test_account_show_lists_open_tasks_of_the_account_and_its_deals(chat):
    await chat.say('deal add "Acme renewal" 10k account="Acme Corp"', at=NOON)
    await chat.say('task add "Send the quote" #1 due=2026-12-04', at=NOON)
    await chat.say('task add "Book a visit" "Acme Corp" due=2026-12-07', at=NOON)
    await chat.say('task add "Elsewhere" due=2026-12-05', at=NOON)
    shown = reply_text(await chat.say('account show "Acme Corp"', at=NOON))
    assert "Open tasks: Send the quote (due Fri 04 Dec); Book a visit (due Mon 07 Dec)" in shown
    assert "Elsewhere" not in shown
