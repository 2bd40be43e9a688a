"""The command table of the everyday CRM: fixing mistakes, finding things, accounts and contacts."""
from __future__ import annotations

from dataclasses import replace

from handlers import accounts, activity_admin, contacts, deal_bin, deal_history, deal_owner, find, undo
from handlers.paging import page_rows
from handlers.registry import CommandSpec
from handlers.rhythm import key_accounts

# List commands of other areas whose rows come whole: they page the same way ("showing 1–50 of 77", More).
WHOLE_LISTS = ("target list", "digest list", "meeting list", "feedback list", "kudos list", "training list",
               "intel list", "approval list")

CRM_COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("deal delete", deal_bin.delete_deal, "deal delete <#12|name>",
                "Delete a mistaken deal (restorable for 30 days)", "deal delete #12"),
    CommandSpec("deal restore", deal_bin.restore_deal, "deal restore <#12>",
                "Bring back a deal deleted in the last 30 days", "deal restore #12"),
    CommandSpec("deal reassign", deal_owner.reassign, "deal reassign @from @to [open|all]",
                "Hand someone's open deals (all: and accounts) to another person", "deal reassign @bob @carla"),
    CommandSpec("deal history", deal_history.deal_history, "deal history <#12|name> [page=<n>]",
                "Every change to a deal: who, when, what (undos too)", "deal history #12"),
    CommandSpec("undo", undo.undo, "undo", "Take back your last change of the last 10 minutes", "undo"),
    CommandSpec("activity list", activity_admin.list_activities,
                "activity list [#12|mine|team|@person|all] [period] [page=<n>]",
                "Logged activities, newest first, with their ids", "activity list #12"),
    CommandSpec("activity edit", activity_admin.edit_activity, 'activity edit <id> "<notes>"',
                "Correct an activity's notes", 'activity edit 41 "pricing agreed, PO next week"'),
    CommandSpec("activity delete", activity_admin.delete_activity, "activity delete <id>",
                "Delete a logged activity", "activity delete 41"),
    CommandSpec("find", find.find, "find <text> [page=<n>]",
                "Deals, accounts, contacts and activity notes that match, best first", "find nort"),
    CommandSpec("account list", accounts.list_accounts, "account list [key] [mine|team|@person|all] [page=<n>]",
                "Accounts with their owner, open and won deals (key: key accounts)", "account list key team"),
    CommandSpec("account show", accounts.show_account, "account show <name>",
                "An account's deals, contacts, activities, CSAT, next follow-up", 'account show "Acme Corp"'),
    CommandSpec("account key", key_accounts.mark_key, "account key <name> [every=30d] [owner=@person]  |  "
                "account key <name> off", "Mark a key account to be touched every so often (or unmark it)",
                'account key "Acme Corp" every=30d owner=@ana'),
    CommandSpec("account update", accounts.update_account,
                "account update <name> [name=] [industry=] [owner=@person]",
                "Rename an account, set its industry or who looks after it", 'account update Acme industry=Retail'),
    CommandSpec("contact add", contacts.add_contact,
                'contact add "<name>" account=<name> [title=] [email=] [phone=]',
                "Add a person at an account (no arguments opens a form)",
                'contact add "Dana Reyes" account="Acme Corp" title=CFO email=dana@acme.example'),
    CommandSpec("contact list", contacts.list_contacts, "contact list <account> [page=<n>]",
                "The contacts at an account", 'contact list "Acme Corp"'),
    CommandSpec("contact show", contacts.show_contact, "contact show <name>", "One contact's details",
                'contact show "Dana"'),
    CommandSpec("contact update", contacts.update_contact,
                "contact update <name> [name=] [account=] [title=] [email=] [phone=]",
                "Change a contact's details (an empty value clears one)", 'contact update Dana phone="+1 555 0100"'),
)

CRM_FORMS = {contacts.FORM_ID: ("contact add", contacts.submit_contact_form)}


def with_pages(specs: tuple[CommandSpec, ...]) -> tuple[CommandSpec, ...]:
    """The command table with `page=<n>` on every list command that does not page in the database itself."""
    return tuple(replace(spec, run=page_rows(spec.run), usage=f"{spec.usage} [page=<n>]")
                 if spec.name in WHOLE_LISTS else spec for spec in specs)
