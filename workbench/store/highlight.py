"""Where a keyword matches a title or a name, as spans the selection center's table bolds.

Pure Python, on the displayed text itself: each character is folded as the index folds it
(``search.search_text``), remembering which character it came from, so a span covers what the
user sees — 全角 ``ｉＰｈｏｎｅ`` is bolded for ``iphone`` — and agrees with what the search found.
"""

from __future__ import annotations

import unicodedata

from workbench.store import search


def highlight(text: str, query: str | list[search.Term]) -> list[tuple[int, int]]:
    """Spans ``[start, end)`` of ``text`` that the query's terms match, sorted and merged.

    Pure Python, for the UI to bold: a CJK term marks its characters where they stand together,
    a word marks the matched prefix of each word it begins.
    """
    terms = search.parse(query) if isinstance(query, str) else query
    if not terms or not text:
        return []
    toks = _positioned_tokens(text)
    words = [w for w, _ in toks]
    spans: list[tuple[int, int]] = []
    for term in terms:
        if term.prefix:
            size = len(term.tokens[0])
            spans.extend(
                (origins[0], origins[size - 1] + 1)
                for word, origins in toks
                if word.startswith(term.tokens[0])
            )
            continue
        n = len(term.tokens)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == term.tokens:
                spans.append((toks[i][1][0], toks[i + n - 1][1][-1] + 1))
    return _merge(spans)


def _positioned_tokens(text: str) -> list[tuple[str, list[int]]]:
    """Tokens of ``text`` with, per folded character, the index of the character it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for folded in unicodedata.normalize("NFKC", ch).casefold():
            chars.append(folded)
            origin.append(i)
    folded_text = "".join(chars)
    out: list[tuple[str, list[int]]] = []
    for match in search.TERM.finditer(folded_text):
        start, end = match.span()
        if match.group(1):
            out.extend((folded_text[i], [origin[i]]) for i in range(start, end))
        else:
            out.append((folded_text[start:end], origin[start:end]))
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
