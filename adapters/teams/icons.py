"""The two app icons Teams requires, drawn in code: a 192x192 colour icon and a 32x32 white outline."""
from __future__ import annotations

import struct
import zlib

ACCENT = (0x1F, 0x6F, 0xEB, 0xFF)
WHITE = (0xFF, 0xFF, 0xFF, 0xFF)
CLEAR = (0, 0, 0, 0)
# Three rising bars, as fractions of the icon: (left, right, top), all standing on the same baseline.
BARS = ((0.22, 0.36, 0.55), (0.43, 0.57, 0.40), (0.64, 0.78, 0.22))
BASELINE = 0.78


def png(width: int, height: int, pixel) -> bytes:
    """An RGBA PNG whose pixel (x, y) colour is `pixel(x, y)`."""
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    chunks = _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, 9)) + _chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _on_bar(x: int, y: int, size: int) -> bool:
    fx, fy = (x + 0.5) / size, (y + 0.5) / size
    return fy <= BASELINE and any(left <= fx <= right and fy >= top for left, right, top in BARS)


def color_icon(size: int = 192) -> bytes:
    """White bars on the accent colour, edge to edge (Teams rounds the corners itself)."""
    return png(size, size, lambda x, y: WHITE if _on_bar(x, y, size) else ACCENT)


def outline_icon(size: int = 32) -> bytes:
    """White bars on transparent, as Teams requires of outline icons."""
    return png(size, size, lambda x, y: WHITE if _on_bar(x, y, size) else CLEAR)
