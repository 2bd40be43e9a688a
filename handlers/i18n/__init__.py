"""Translation of what the bot says: the active locale of a command, gettext helpers and the catalogs."""
from handlers.i18n.active import active_locale, set_locale, using_locale
from handlers.i18n.messages import L_, N_, _, ngettext, pgettext

__all__ = ["L_", "N_", "_", "active_locale", "ngettext", "pgettext", "set_locale", "using_locale"]
