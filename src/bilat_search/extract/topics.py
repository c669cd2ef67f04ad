"""Topics from the fixed list of labels, typo- and tone-style-tolerant.

Topic phrases match ignoring a wrong or missing tone mark (`ma tùy`, `toi
phạm`), but a short phrase must keep at least one word exact, so that folding
alone does not make `dẫn đó` a `dẫn độ`.
"""

from __future__ import annotations

from functools import cache
from itertools import compress, pairwise

from .gazetteer import load_json, phrase_keys, topic_matcher
from .tokens import Doc, toneless

_LIST_END = frozenset(".;:!?()")


@cache
def _heads() -> dict[tuple[str, str], list[tuple[tuple[str, str], tuple[str, ...], str]]]:
    """Folded two-word heads of longer topic phrases -> (toneless head, the rest, label)."""
    out: dict[tuple[str, str], list[tuple[tuple[str, str], tuple[str, ...], str]]] = {}
    for label, spec in load_json("topics.json", {}).items():
        if label.startswith("_"):
            continue
        phrases = spec.get("phrases", []) if isinstance(spec, dict) else spec
        for phrase in [label, *phrases]:
            exact, folded = phrase_keys(phrase)
            if len(exact) >= 4:
                tail = tuple(toneless(e) for e in exact[2:])
                head = (toneless(exact[0]), toneless(exact[1]))
                entry = (head, tail, label)
                bucket = out.setdefault((folded[0], folded[1]), [])
                if entry not in bucket:
                    bucket.append(entry)
    return out


def _distributed(doc: Doc) -> list[tuple[int, str]]:
    """Topics whose head governs a list: `tội phạm ma túy, kinh tế` has `tội phạm kinh tế`.

    Vietnamese shares a head over comma-listed items (`bảo hộ doanh nhân, lưu
    học sinh, công dân`), so each listed item is tried after the head.
    """
    heads = _heads()
    found: list[tuple[int, str]] = []
    n = len(doc)
    folded = doc.folded
    # the few positions where a head starts, found at C speed (this runs on every article)
    for i in compress(range(n - 2), map(heads.__contains__, pairwise(folded))):
        candidates = heads[folded[i], folded[i + 1]]
        head = (toneless(doc.exact[i]), toneless(doc.exact[i + 1]))
        tails = [(tail, label) for h, tail, label in candidates if h == head]
        if not tails:
            continue
        k = i + 2
        for _ in range(5):
            # the next list item starts after a comma (or `và`) within a few words
            j = k + 1
            while j < n and j - k < 6 and "," not in doc.gap(j) and doc.exact[j] != "và":
                if set(doc.gap(j)) & _LIST_END or doc.sent_start[j]:
                    j = n
                    break
                j += 1
            if j >= n or j - k >= 6 or set(doc.gap(j)) & _LIST_END or doc.sent_start[j]:
                break
            if doc.exact[j] == "và":
                j += 1
            for tail, label in tails:
                if tuple(toneless(e) for e in doc.exact[j : j + len(tail)]) == tail:
                    found.append((j, label))
            k = j
    return found


def find_topics(doc: Doc) -> list[str]:
    """Topic labels the text discusses, in order of first appearance.

    The label itself (`ma túy`, also inside `tội phạm ma túy`) counts at once;
    a related phrase counts in the lead or when it recurs.
    """
    hits = [
        (m.start, m.value, _is_label(doc, m.start, m.end, m.value))
        for m in topic_matcher().find(doc, lenient=True)
        if m.value is not None
    ]
    hits.extend((i, label, True) for i, label in _distributed(doc))
    counts: dict[str, int] = {}
    strong: set[str] = set()
    for start, label, literal in hits:
        counts[label] = counts.get(label, 0) + 1
        if literal or start < doc.core_end:
            strong.add(label)
    out: list[str] = []
    for _, label, _ in sorted(hits, key=lambda hit: hit[0]):
        if label not in out and (label in strong or counts[label] >= MIN_MENTIONS):
            out.append(label)
    return out


MIN_MENTIONS = 2
"""A topic named only through a related phrase (`cần sa`, `cộng đồng người Việt`) needs this many hits;
its own label (`ma túy`) or a mention in the lead is enough once."""


def _is_label(doc: Doc, start: int, end: int, label: str) -> bool:
    """Whether a match shares a word with its label (`tội phạm ma túy`, `xuất nhập cảnh trái phép`).

    Matches through a phrase unrelated in wording (`cần sa`, `cộng đồng người
    Việt`) are weaker evidence. English editions have no such link: all count.
    """
    if doc.plain:
        return True
    words = set(_label_keys().get(label, ()))
    return any(toneless(e) in words for e in doc.exact[start:end])


@cache
def _label_keys() -> dict[str, tuple[str, ...]]:
    return {
        label: tuple(toneless(e) for e in phrase_keys(label)[0])
        for label in load_json("topics.json", {})
        if not label.startswith("_")
    }
