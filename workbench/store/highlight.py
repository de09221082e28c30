"""Where a keyword matches a title or a name, as spans the selection center's table bolds.

Pure Python, on the displayed text itself: the text is folded as the search folds it
(``search.fold``), remembering which characters each folded character came from, so a span
covers what the user sees — 全角 ``ｉＰｈｏｎｅ`` is bolded for ``iphone``, ``ß`` for ``ss``, an
``e`` with its combining accent for ``é`` — and marks exactly where the search found the keyword.
"""

from __future__ import annotations

import itertools

from workbench.store import search


def highlight(text: str, query: str | list[search.Term]) -> list[tuple[int, int]]:
    """Spans ``[start, end)`` of ``text`` covering every occurrence of every keyword in the
    folded text (overlapping ones too), sorted and merged."""
    terms = search.parse(query) if isinstance(query, str) else query
    if not terms or not text:
        return []
    folded, origin = _folded_with_origin(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        at = folded.find(term.text)
        while at >= 0:
            end = at + len(term.text)
            spans.append((origin[at][0], origin[end - 1][1]))
            at = folded.find(term.text, at + 1)
    return _merge(spans)


def _folded_with_origin(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``search.fold(text)`` and, per folded character, the span of ``text`` it came from.

    Folding each character alone gives the same text almost always; where it does not
    (a character composed with the next by NFKC), the text is cut only where folding the two
    sides apart gives the whole, and each piece maps to its folded characters."""
    folded = search.fold(text)
    pieces = [search.fold(ch) for ch in text]
    if "".join(pieces) == folded:
        return folded, [(i, i + 1) for i, piece in enumerate(pieces) for _ in piece]
    cuts = [(0, 0)]  # (position in text, in folded) where the two agree
    for i in range(1, len(text) + 1):
        head = search.fold(text[:i])
        if folded.startswith(head) and head + search.fold(text[i:]) == folded:
            cuts.append((i, len(head)))
    origin: list[tuple[int, int]] = []
    for (start, at), (end, to) in itertools.pairwise(cuts):
        origin += [(start, end)] * max(to - at, 0)
    return folded, origin


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
