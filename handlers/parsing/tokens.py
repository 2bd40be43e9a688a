"""Split a typed command into tokens: words, quoted text and key=value options."""
from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.errors import UserError
from handlers.i18n import _

# Phones turn " into smart quotes, and people mix them, so any of these opens or closes a quote.
QUOTES = "\"\u201c\u201d\u201e"
_ESCAPABLE = QUOTES + "\\"
# Keys are plain words so URLs and sums like 1+1=2 stay ordinary words.
_OPTION = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)=(.*)", re.DOTALL)
_PREFIX = re.compile(r"\A\s*/sales(?=\s|\Z)", re.IGNORECASE)
_SHOWN_LIMIT = 40


@dataclass(frozen=True)
class Token:
    """One word of a command; `key` is set for key=value options and `text` holds the value."""

    text: str
    quoted: bool = False
    key: str | None = None

    def as_typed(self) -> str:
        """The token written back the way a user could type it."""
        value = quote(self.text) if self.quoted else self.text
        return f"{self.key}={value}" if self.key else value


def tokenize(text: str) -> list[Token]:
    """Split `text` on whitespace, keeping quoted text together and recognising key=value."""
    tokens: list[Token] = []
    pos = _skip_space(text, 0)
    while pos < len(text):
        parts, pos = _read_word(text, pos)
        tokens.append(_to_token(parts))
        pos = _skip_space(text, pos)
    return tokens


def split_options(tokens: list[Token]) -> tuple[list[Token], dict[str, Token]]:
    """Separate positional tokens from key=value options; an option given twice is an error."""
    positional: list[Token] = []
    options: dict[str, Token] = {}
    for token in tokens:
        if token.key is None:
            positional.append(token)
        elif token.key in options:
            first, second = show_token(options[token.key].as_typed()), show_token(token.as_typed())
            raise UserError(_("{key} given twice ({first} and {second}) — keep just one").format(
                key=token.key, first=first, second=second))
        else:
            options[token.key] = token
    return positional, options


def strip_command_prefix(text: str) -> str:
    """Drop an optional leading /sales (any case) and the whitespace around the command."""
    return _PREFIX.sub("", text, count=1).strip()


def quote(text: str) -> str:
    """Wrap `text` in double quotes so that `tokenize` gives it back unchanged as one token."""
    escaped = "".join("\\" + ch if ch in _ESCAPABLE else ch for ch in text)
    return f'"{escaped}"'


def show_token(text: str) -> str:
    """A token as echoed in an error message: in single quotes, long ones cut short."""
    if len(text) > _SHOWN_LIMIT:
        text = text[:_SHOWN_LIMIT] + "…"
    return f"'{text}'"


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _read_word(text: str, pos: int) -> tuple[list[tuple[str, bool]], int]:
    """Read one whitespace-delimited word as (piece, was_quoted) parts; quotes may start mid-word."""
    parts: list[tuple[str, bool]] = []
    while pos < len(text) and not text[pos].isspace():
        if text[pos] in QUOTES:
            piece, pos = _read_quoted(text, pos + 1)
            parts.append((piece, True))
        else:
            end = pos
            while end < len(text) and not text[end].isspace() and text[end] not in QUOTES:
                end += 1
            parts.append((text[pos:end], False))
            pos = end
    return parts, pos


def _read_quoted(text: str, pos: int) -> tuple[str, int]:
    """Read up to the closing quote; a backslash escapes a quote or another backslash."""
    start, chars = pos, []
    while pos < len(text):
        ch = text[pos]
        if ch == "\\" and pos + 1 < len(text) and text[pos + 1] in _ESCAPABLE:
            chars.append(text[pos + 1])
            pos += 2
        elif ch in QUOTES:
            return "".join(chars), pos + 1
        else:
            chars.append(ch)
            pos += 1
    opened = text[start:].rstrip() or '"'
    raise UserError(_('missing closing quote after {token} — end the text with "').format(token=show_token(opened)))


def _to_token(parts: list[tuple[str, bool]]) -> Token:
    """Build a token; only an unquoted leading `key=` makes an option, so "a=b" stays a word."""
    first, first_quoted = parts[0]
    option = None if first_quoted else _OPTION.fullmatch(first)
    if option is None:
        return Token("".join(p for p, _ in parts), any(q for _, q in parts))
    rest = parts[1:]
    value = option.group(2) + "".join(p for p, _ in rest)
    return Token(value, any(q for _, q in rest), option.group(1).lower())
