"""Properties of the CRM parsers: pages, comparisons, email and phone shapes, search terms."""

from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.errors import UserError
from handlers.paging import MAX_PAGE, Page, command_for_page, parse_page
from handlers.parsing.contact_values import parse_email, parse_phone
from handlers.parsing.filters import parse_comparison
from handlers.parsing.tokens import Token, tokenize
from storage.search import fold, terms

CHARS = '0123456789<>=+-.@()# abcdeklmnorstuxz"éÖß'
any_text = st.one_of(st.text(), st.text(alphabet=CHARS, max_size=24))
relaxed = settings(deadline=None)


def refused(parse, text) -> str | None:
    """The parser's value, or None after a UserError whose message names what was typed."""
    try:
        return parse(text)
    except UserError as error:
        shown = (text.strip()[:10], " ".join(text.split())[:10])
        assert error.message.startswith("'") and any(part in error.message for part in shown)
        return None


@relaxed
@given(st.integers(min_value=1, max_value=MAX_PAGE))
def test_every_page_number_reads_back(number):
    assert parse_page(str(number)) == number
    assert parse_page(f" {number} ") == number


@relaxed
@given(any_text)
def test_page_is_a_number_or_a_named_refusal(text):
    value = refused(parse_page, text)
    assert value is None or (1 <= value <= MAX_PAGE and value == int(text.strip()))


@relaxed
@given(st.integers(min_value=0, max_value=500), st.integers(min_value=1, max_value=50),
       st.integers(min_value=1, max_value=12))
def test_showing_counts_what_is_on_the_page(total, size, number):
    page = Page(number, size)
    shown = max(0, min(size, total - page.offset))
    line = page.showing(shown, total)
    if shown:
        assert line == f"showing {page.offset + 1}–{page.offset + shown} of {total}"
    else:
        assert line == f"showing 0 of {total}"


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789<>=@#é", min_size=1, max_size=10)
plain_words = st.lists(words.filter(lambda w: "=" not in w), min_size=1, max_size=5)


@relaxed
@given(plain_words, st.integers(min_value=1, max_value=999), st.text(alphabet="ab c\"", max_size=8))
def test_the_more_command_is_the_same_command_one_page_on(typed, number, quoted):
    line = " ".join(typed) + f' "{quoted.replace(chr(34), "")}" page=7'
    again = tokenize(command_for_page(line, number))
    original = [t for t in tokenize(line) if t.key != "page"]
    assert again[:-1] == original and again[-1] == Token(str(number), key="page")


@relaxed
@given(st.sampled_from(["close", "amount", "CLOSE"]), st.sampled_from(["<=", ">="]),
       st.text(alphabet="0123456789-km+dw", min_size=1, max_size=12))
def test_comparisons_split_into_field_operator_value(field, op, value):
    comparison = parse_comparison(f"{field}{op}{value}")
    assert (comparison.field, comparison.op, comparison.value) == (field.casefold(), op, value.strip())


@relaxed
@given(any_text)
def test_any_comparison_text_gives_one_or_a_named_refusal(text):
    value = refused(parse_comparison, text)
    assert value is None or value.field in ("close", "amount") and value.op in ("<=", ">=") and value.value


local = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_+-", min_size=1, max_size=12)
label = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10)


@relaxed
@given(local, st.lists(label, min_size=2, max_size=4))
def test_well_formed_emails_are_kept_as_typed(name, labels):
    address = f"{name}@{'.'.join(labels)}"
    assert parse_email(f"  {address} ") == address


@relaxed
@given(any_text)
def test_emails_and_phones_are_checked_for_shape(text):
    email = refused(parse_email, text)
    assert email is None or ("@" in email and " " not in email)
    phone = refused(parse_phone, text)
    assert phone is None or 7 <= sum(ch.isdigit() for ch in phone.split("x")[0].split("ext")[0]) <= 15


@relaxed
@given(st.text(alphabet="0123456789", min_size=7, max_size=15), st.sampled_from(["", "+"]))
def test_plain_numbers_of_seven_to_fifteen_digits_are_phones(digits, plus):
    assert parse_phone(plus + digits) == plus + digits


@relaxed
@given(st.text())
def test_folding_is_idempotent_and_search_terms_are_safe(text):
    folded = fold(text)
    assert fold(folded) == folded and folded == folded.casefold()
    for term in terms(text):
        # nothing the FTS5 or tsquery syntax would read (a CJK run is a phrase: its characters, space-separated)
        assert term and all(ch.isalnum() for word in term.split() for ch in word)


def test_folding_removes_accents_and_case():
    assert fold("Nörd Café ÉCOLE") == "nord cafe ecole" and terms("  Zoë-Northcott!! ") == ["zoe", "northcott"]
