"""`settings language <tag> [me]`: the workspace's language (admins), or only yours with `me`."""
from __future__ import annotations

from babel import Locale

from handlers.call import Call
from handlers.errors import UserError
from handlers.i18n import _, active_locale, set_locale
from handlers.i18n.speaker import speaking_locale
from handlers.i18n.tags import display_tag, locale_id
from handlers.permissions import is_admin
from handlers.reply import Reply

# `auto` gives a person's choice back to their platform's (or the workspace's) language.
AUTO = "auto"


def set_language(call: Call) -> Reply:
    """Store the choice, then answer in the language just chosen."""
    call.reject_unknown_options(())
    typed = call.arg(0, _("the language")).text
    for_me = len(call.args) > 1 and call.args[1].text.casefold() in ("me", _("me"))
    call.reject_extra_args(2 if for_me else 1)
    locale = None if for_me and typed.casefold() == AUTO else _parse_language(typed, call.usage)
    if for_me or not is_admin(call.me):
        call.ws.people.set_locale(call.me, locale)
        set_locale(speaking_locale(call.workspace, call.me))
        return Reply(text=_("You now get answers in {language}.").format(language=_shown(active_locale())))
    call.workspace.locale = locale
    call.ws.audit.record(call.me.id, "settings.language", "workspace", call.workspace.id, call.now, locale=locale)
    set_locale(speaking_locale(call.workspace, call.me))
    return Reply(text=_("The workspace language is now {language}. People can choose their own with "
                        "`settings language <tag> me`.").format(language=_shown(locale)))


def _parse_language(typed: str, usage: str) -> str:
    locale = locale_id(typed)
    if locale is None:
        raise UserError(_("'{token}' is not a language I know — try en, zh-CN or de").format(token=typed), usage)
    return locale


def _shown(locale: str) -> str:
    """`中文 (中国) (zh-CN)`: the language's own name, and the tag to type."""
    name = Locale.parse(locale).get_display_name(active_locale()) or locale
    return f"{name} ({display_tag(locale)})"
