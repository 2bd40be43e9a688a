"""Examples of how typed commands are split into words, quoted text and options."""
import pytest

from handlers.errors import UserError
from handlers.parsing.tokens import Token, quote, show_token, split_options, strip_command_prefix, tokenize


def texts(text: str) -> list[str]:
    return [token.text for token in tokenize(text)]


def test_plain_words_split_on_any_whitespace():
    assert texts("deal  list\tmine\n now") == ["deal", "list", "mine", "now"]


def test_empty_and_blank_input_give_no_tokens():
    assert tokenize("") == []
    assert tokenize(" \t\n ") == []


def test_full_deal_add_command():
    tokens = tokenize('deal add "Acme renewal" 12k stage=proposal close=fri account="Acme Corp" partner=Ingram')
    assert tokens == [
        Token("deal"), Token("add"), Token("Acme renewal", quoted=True), Token("12k"),
        Token("proposal", key="stage"), Token("fri", key="close"),
        Token("Acme Corp", quoted=True, key="account"), Token("Ingram", key="partner"),
    ]


def test_double_quotes_group_words_and_mark_the_token_quoted():
    assert tokenize('log call #12 "pricing agreed"')[-1] == Token("pricing agreed", quoted=True)


def test_smart_quotes_group_words():
    assert tokenize("deal add \u201cAcme renewal\u201d 12k")[2] == Token("Acme renewal", quoted=True)


def test_mixed_straight_and_smart_quotes_pair_up():
    assert tokenize('"Acme renewal\u201d')[0] == Token("Acme renewal", quoted=True)


def test_escaped_quote_inside_quotes_is_kept():
    assert tokenize(r'"say \"hi\" now"') == [Token('say "hi" now', quoted=True)]


def test_escaped_backslash_inside_quotes_is_one_backslash():
    assert tokenize(r'"C:\\temp\\"') == [Token("C:\\temp\\", quoted=True)]


def test_backslash_before_other_characters_is_literal():
    assert tokenize(r'"a\nb" c\d') == [Token(r"a\nb", quoted=True), Token(r"c\d")]


def test_empty_quotes_make_an_empty_token():
    assert tokenize('note ""') == [Token("note"), Token("", quoted=True)]


def test_apostrophes_do_not_quote():
    assert texts("deal add O'Brien's deal") == ["deal", "add", "O'Brien's", "deal"]


def test_option_with_quoted_value():
    assert tokenize('deal lost #12 reason="went with a competitor"')[-1] == Token(
        "went with a competitor", quoted=True, key="reason")


def test_option_with_quoted_comma_list():
    assert tokenize('choices="a,b,c"') == [Token("a,b,c", quoted=True, key="choices")]


def test_option_key_is_lower_cased_but_value_keeps_case():
    assert tokenize("Stage=Proposal") == [Token("Proposal", key="stage")]


def test_option_value_may_contain_equals_signs():
    assert tokenize("note=a=b") == [Token("a=b", key="note")]


def test_option_with_empty_value():
    assert tokenize("reason=") == [Token("", key="reason")]


def test_bare_equals_and_empty_key_are_plain_words():
    assert tokenize("= =value") == [Token("="), Token("=value")]


def test_quoted_key_value_is_a_plain_word():
    assert tokenize('"stage=won"') == [Token("stage=won", quoted=True)]


def test_urls_and_sums_are_not_options():
    assert tokenize("https://x.com/?a=b 1+1=2") == [Token("https://x.com/?a=b"), Token("1+1=2")]


def test_remind_option_in_meeting_command():
    tokens = tokenize('meeting add "Pipeline review" weekly mon 09:00 remind=30m')
    assert tokens[-1] == Token("30m", key="remind")
    assert texts('meeting add "Pipeline review" weekly mon 09:00')[2] == "Pipeline review"


def test_mentions_stay_whole_words():
    assert texts('team add "East" @ana @bob') == ["team", "add", "East", "@ana", "@bob"]


def test_quote_inside_a_word_joins_the_quoted_part():
    assert tokenize('abc"d e"f') == [Token("abcd ef", quoted=True)]


def test_unterminated_quote_names_the_unclosed_text():
    with pytest.raises(UserError) as error:
        tokenize('deal add "Acme renewal 12k')
    assert "missing closing quote after 'Acme renewal 12k'" in error.value.message


def test_unterminated_smart_quote_is_an_error():
    with pytest.raises(UserError, match="missing closing quote after 'Acme"):
        tokenize("deal add \u201cAcme")


def test_lone_quote_is_an_error():
    with pytest.raises(UserError, match="missing closing quote"):
        tokenize('note "')


def test_escaped_closing_quote_leaves_the_quote_open():
    with pytest.raises(UserError, match="missing closing quote"):
        tokenize(r'"abc\"')


def test_split_options_keeps_positional_order():
    positional, options = split_options(tokenize('deal add "Acme" stage=won 12k close=fri'))
    assert [token.text for token in positional] == ["deal", "add", "Acme", "12k"]
    assert options == {"stage": Token("won", key="stage"), "close": Token("fri", key="close")}


def test_split_options_with_no_options():
    assert split_options(tokenize("deal list")) == ([Token("deal"), Token("list")], {})


def test_repeated_option_is_an_error_naming_both():
    with pytest.raises(UserError) as error:
        split_options(tokenize("deal add x stage=lead Stage=won"))
    assert "stage given twice" in error.value.message
    assert "'stage=lead'" in error.value.message and "'stage=won'" in error.value.message


@pytest.mark.parametrize("text, expected", [
    ("/sales deal list", "deal list"),
    ("  /SALES   deal list  ", "deal list"),
    ("/Sales", ""),
    ("deal list", "deal list"),
    ("  deal list ", "deal list"),
    ("/salesforce sync", "/salesforce sync"),
    ("deal /sales", "deal /sales"),
])
def test_strip_command_prefix(text, expected):
    assert strip_command_prefix(text) == expected


def test_quote_escapes_what_tokenize_would_read_as_quotes():
    assert quote('a "b" \\') == r'"a \"b\" \\"'
    assert tokenize(quote('a "b" \\')) == [Token('a "b" \\', quoted=True)]


def test_as_typed_writes_the_option_back():
    assert Token("lost to X", quoted=True, key="reason").as_typed() == 'reason="lost to X"'
    assert Token("12k").as_typed() == "12k"


def test_show_token_cuts_long_text():
    assert show_token("12kk") == "'12kk'"
    assert show_token("x" * 100) == "'" + "x" * 40 + "…'"


def test_german_low_opening_quote_groups_words():
    assert tokenize("\u201eAcme Deal\u201c") == [Token("Acme Deal", quoted=True)]
