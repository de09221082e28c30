"""How text becomes index tokens and queries become keywords, and the highlight spans the UI bolds.

Pure Python, no database: the index and the query must spell text the same way, or a search
misses rows it should find. ``test_substring.py`` checks whole searches against a brute force.
"""

from __future__ import annotations

import string
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.store import reference
from workbench.store import search
from workbench.store.highlight import highlight

CJK = "茶零食面膜手机壳山野明前龙井绿红乌龙"
ALPHABET = CJK + string.ascii_letters + string.digits + " -_%*\"'()×，。【】🍵ｉＰ𠀀ßﬁ㎏u"


def test_every_folded_character_is_a_token() -> None:
    assert search.tokens("山野 iPhone-15") == [
        *("山", "野", "u20", "i", "p", "h", "o", "n", "e", "u2d", "1", "5")
    ]
    assert search.tokens("ｉＰ１【包邮】ß") == ["i", "p", "1", "【", "包", "邮", "】", "s", "s"]
    assert search.tokens("茶🍵叶𠀀") == ["茶", "🍵", "叶", "𠀀"]


def test_ascii_punctuation_cannot_be_confused_with_letters() -> None:
    assert search.tokens("100%") == ["1", "0", "0", "u25"]
    assert search.tokens("u25") == ["u", "2", "5"]  # a text never makes a multi-character token
    assert search.tokens('"§山"') == ["u22", "§", "山", "u22"]


def test_the_marks_of_shop_and_category_tokens_never_stand_in_folded_text() -> None:
    """The index holds title, shop name and categories in one column: shop and category tokens
    carry a mark that no folded text can contain, so a title never spells one of them."""
    marks = (search.SHOP_MARK, search.CATEGORY_MARK)
    for cp in range(0x110000):
        if not 0xD800 <= cp <= 0xDFFF:
            folded = search.fold(chr(cp))
            assert marks[0] not in folded and marks[1] not in folded, hex(cp)


def test_a_document_keeps_each_kind_of_token_apart() -> None:
    doc = search.doc_text("iPhone 壳", "山野店", 1, 101, 10101).split()
    assert doc == [
        *("ip", "ph", "ho", "on", "ne", "eu20", "u20壳"),
        *("i", "p", "h", "o", "n", "e", "u20", "壳"),
        *("ⓢ山野", "ⓢ野店", "ⓢ山", "ⓢ野", "ⓢ店"),
        *("№1", "№101", "№10101"),
    ]
    chars = {t for t in doc if len(t) in (1, 3) and not t.startswith(("ⓢ", "№"))}
    pairs = {t for t in doc if len(t) in (2, 4, 6) and not t.startswith(("ⓢ", "№"))}
    assert chars == set(search.tokens("iPhone 壳")) and not chars & pairs


def test_a_query_is_split_at_whitespace_and_folded() -> None:
    terms = search.parse('iPhone 手机壳\u3000"IPHONE"  iphone')
    assert [t.text for t in terms] == ["iphone", "手机壳", '"iphone"']
    assert terms[1].fts == '"手机 机壳"' and terms[0].fts == '"ip ph ho on ne"'
    assert terms[1].fts_shop == '"ⓢ手机 ⓢ机壳"'
    assert terms[2].fts == '"u22i ip ph ho on ne eu22"'
    assert search.parse("茶")[0].fts == '"茶"'
    assert search.parse("%")[0].fts_shop == '"ⓢu25"'


def test_blank_input_gives_no_keywords_and_punctuation_is_one() -> None:
    for keyword in ("", "   ", "\t\n", "\u3000"):
        assert search.parse(keyword) == []
    assert [t.text for t in search.parse("%_* ()")] == ["%_*", "()"]


def test_fts_operators_are_just_text() -> None:
    terms = search.parse("茶 AND NEAR(OR) NOT")
    assert [t.text for t in terms] == ["茶", "and", "near(or)", "not"]
    assert terms[2].fts == '"ne ea ar ru28 u28o or ru29"'


def test_keywords_are_capped_and_deduplicated() -> None:
    assert len(search.parse("茶 " * 500)) == 1
    assert len(search.parse(" ".join(f"w{i}" for i in range(500)))) == search.MAX_TERMS


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_tokens_spell_the_folded_text_one_character_each(text: str) -> None:
    tokens = search.tokens(text)
    folded = reference.fold(text)
    assert len(tokens) == len(folded)
    for token, ch in zip(tokens, folded, strict=True):
        assert token == (f"u{ord(ch):02x}" if ch.isascii() and not ch.isalnum() else ch)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40), st.data())
def test_spans_cover_exactly_the_occurrences(title: str, data: st.DataObject) -> None:
    """Where each character folds on its own (this alphabet), a character is bold exactly when
    an occurrence of the keyword in the folded title covers part of its folding."""
    folded = reference.fold(title)
    if not folded.strip():
        return
    start = data.draw(st.integers(0, len(folded) - 1))
    piece = folded[start : data.draw(st.integers(start + 1, len(folded)))].split()
    if not piece:
        return
    word = piece[0]
    owner = [i for i, ch in enumerate(title) for _ in unicodedata.normalize("NFKC", ch).casefold()]
    bold = set()
    at = folded.find(word)
    while at >= 0:
        bold |= {owner[k] for k in range(at, at + len(word))}
        at = folded.find(word, at + 1)
    spans = highlight(title, word)
    assert bold and {i for a, b in spans for i in range(a, b)} == bold


def test_highlight_marks_each_keyword_where_it_stands() -> None:
    title = "山野 明前龙井茶 绿茶 iPhone 手机壳"
    spans = highlight(title, "茶 hon 手机壳")
    assert [title[a:b] for a, b in spans] == ["茶", "茶", "hon", "手机壳"]


def test_highlight_maps_back_to_the_original_characters() -> None:
    title = "ｉＰｈｏｎｅ１５ 手机壳"
    assert [title[a:b] for a, b in highlight(title, "iphone15 壳")] == ["ｉＰｈｏｎｅ１５", "壳"]


def test_highlight_merges_overlaps_and_ignores_non_matches() -> None:
    assert highlight("零食零食大礼包", "零食 食零") == [(0, 4)]
    assert highlight("零食", "面膜") == []
    assert highlight("零 食", "零食") == []
    assert highlight("", "茶") == [] and highlight("茶", "") == []
    assert highlight("茶" * 1000, "茶" * 1000) == [(0, 1000)]
