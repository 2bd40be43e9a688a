"""Properties of the import cell readers: any amount written in any common locale reads back the same."""
from __future__ import annotations

from datetime import date

from hypothesis import given, strategies as st

from handlers.dataio.cells import CellError, DateReader, parse_amount
from handlers.dataio.columns import DEAL_HEADERS, header_key, match_headers

cents = st.integers(min_value=1, max_value=10**14 - 1)


def written(minor: int, group: str, mark: str) -> str:
    major, fraction = divmod(minor, 100)
    whole = f"{major:,}".replace(",", group)
    return f"{whole}{mark}{fraction:02d}"


@given(cents, st.sampled_from([(",", "."), (".", ","), (" ", ","), ("", "."), ("", ","), ("'", ".")]))
def test_amounts_in_any_locale_read_back(minor, style):
    group, mark = style
    assert parse_amount(written(minor, group, mark), mark, "USD") == minor


@given(cents)
def test_two_decimals_need_no_hint(minor):
    assert parse_amount(written(minor, ",", "."), None, "USD") == minor
    assert parse_amount(written(minor, ".", ","), None, "USD") == minor


@given(st.text(max_size=12))
def test_any_text_is_an_amount_or_a_reason(text):
    try:
        assert parse_amount(text, None, "USD") >= 0
    except CellError as error:
        assert str(error).startswith("bad amount") or str(error).startswith("unknown")


@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2100, 12, 31)),
       st.sampled_from(["%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y年%m月%d日"]))
def test_dates_read_back_in_every_layout(day, layout):
    text = day.strftime(layout)
    friendly = {"%d/%m/%Y": "DD/MM/YYYY", "%m/%d/%Y": "MM/DD/YYYY", "%d.%m.%Y": "DD.MM.YYYY"}.get(layout)
    assert DateReader(friendly).read_date(text) == day


@given(st.lists(st.sampled_from([a for aliases in DEAL_HEADERS.values() for a in aliases]), unique=True,
                max_size=8))
def test_each_header_goes_to_at_most_one_field(headers):
    found = match_headers(headers, DEAL_HEADERS, {})
    assert len(set(found.values())) == len(found)
    for field, index in found.items():
        assert header_key(headers[index]) in {header_key(a) for a in DEAL_HEADERS[field]}
