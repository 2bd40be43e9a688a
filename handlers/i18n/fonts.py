"""A font with CJK glyphs for charts (Noto Sans SC, shipped by the pylopdf-fonts-zh-cn package): no boxes."""
from __future__ import annotations

from functools import lru_cache

CJK_FAMILY = "Noto Sans SC"


@lru_cache(maxsize=1)
def use_cjk_fallback() -> str | None:
    """Register the CJK font with matplotlib once and put it after DejaVu Sans: matplotlib (3.6+) takes each
    glyph from the first family that has it, so Latin text looks as before and Chinese is drawn, not boxed."""
    import matplotlib
    from matplotlib import font_manager

    try:
        from pylopdf_fonts_zh_cn import sans_path
    except ImportError:  # an install without the font package draws boxes for CJK, as before
        return None
    font_manager.fontManager.addfont(str(sans_path()))
    # Fallback runs along font.family itself (a generic "sans-serif" would resolve to one font only).
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", CJK_FAMILY]
    return CJK_FAMILY
