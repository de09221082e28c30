"""How text becomes index tokens and queries become terms, and the highlight spans the UI bolds.

Pure Python, no database: the index and the query must split text the same way, or a search
misses rows it should find. The reference splitter in ``reference.py`` is written apart.
"""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.store import reference
from workbench.store import search
from workbench.store.highlight import highlight

CJK = "茶零食面膜手机壳山野明前龙井绿红乌龙"
ALPHABET = CJK + string.ascii_letters + string.digits + " -_%*\"'()×，。【】🍵ｉＰ𠀀ß"


def test_cjk_characters_are_tokens_and_words_stay_whole() -> None:
    assert search.tokens("山野 iPhone-15 手机壳") == ["山", "野", "iphone", "15", "手", "机", "壳"]
    assert search.tokens("IPA精酿啤酒 0糖") == ["ipa", "精", "酿", "啤", "酒", "0", "糖"]


def test_full_width_letters_fold_and_punctuation_separates() -> None:
    assert search.tokens("ｉＰｈｏｎｅ１５【包邮】") == ["iphone15", "包", "邮"]
    assert search.tokens("200×230cm，纯棉") == ["200", "230cm", "纯", "棉"]


def test_emoji_separate_and_rare_ideographs_are_characters() -> None:
    assert search.tokens("茶🍵叶") == ["茶", "叶"]
    assert search.tokens("𠀀字") == ["𠀀", "字"]


def test_a_query_becomes_phrases_and_prefix_words() -> None:
    terms = search.parse('iPhone 手机壳 "iphone" 15')
    assert [(t.tokens, t.prefix) for t in terms] == [
        (("iphone",), True),
        (("手", "机", "壳"), False),
        (("15",), True),
    ]
    assert terms[1].fts == '"手 机 壳"' and terms[0].fts == '"iphone" *'
    assert terms[1].fts_shop == '"§手 §机 §壳"'


def test_nothing_searchable_gives_no_terms() -> None:
    for keyword in ("", "   ", "%_*", "()", "🍵", '"""', "AND OR NOT"[3:3]):
        assert search.parse(keyword) == []


def test_fts_operators_are_just_words() -> None:
    assert [t.tokens for t in search.parse("茶 AND NEAR(OR) NOT")] == [
        ("茶",),
        ("and",),
        ("near",),
        ("or",),
        ("not",),
    ]


def test_terms_are_capped_and_deduplicated() -> None:
    assert len(search.parse("茶 " * 500)) == 1
    assert len(search.parse(" ".join(f"w{i}" for i in range(500)))) == search.MAX_TERMS


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_index_tokens_agree_with_the_reference_splitter(text: str) -> None:
    assert search.tokens(text) == reference.tokens(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40), st.data())
def test_any_cjk_run_of_a_title_finds_it(title: str, data: st.DataObject) -> None:
    runs = [run for run, cjk in reference._runs(title) if cjk]
    if not runs:
        return
    run = data.draw(st.sampled_from(runs))
    start = data.draw(st.integers(0, len(run) - 1))
    piece = run[start : data.draw(st.integers(start + 1, len(run)))]
    (term,) = search.parse(piece)
    assert term.in_tokens(search.tokens(title))
    spans = highlight(title, piece)
    assert spans and all(set(title[a:b]) <= set(piece) | set(" ") for a, b in spans)


def test_highlight_marks_each_term_where_it_stands() -> None:
    title = "山野 明前龙井茶 绿茶 iPhone 手机壳"
    spans = highlight(title, "茶 iph 手机壳")
    assert [title[a:b] for a, b in spans] == ["茶", "茶", "iPh", "手机壳"]


def test_highlight_maps_back_to_the_original_characters() -> None:
    title = "ｉＰｈｏｎｅ１５ 手机壳"
    assert [title[a:b] for a, b in highlight(title, "iphone15 壳")] == [
        "ｉＰｈｏｎｅ１５",
        "壳",
    ]


def test_highlight_merges_overlaps_and_ignores_non_matches() -> None:
    assert highlight("零食零食大礼包", "零食 食零") == [(0, 4)]
    assert highlight("零食", "面膜") == []
    assert highlight("", "茶") == [] and highlight("茶", "") == []
    assert highlight("茶" * 1000, "茶" * 1000) == [(0, 1000)]
