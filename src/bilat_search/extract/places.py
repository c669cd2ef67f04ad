"""Where the meeting took place: the place after `tại`/`ở`/`in` in the lead.

Only the lead's locative phrases count (`tại thủ đô Minsk`, `tại Thủ đô
Moskva`, `tại Hà Nội`), not every place the article names. Foreign cities come
from the country gazetteer (canonical: the first spelling of a capital),
Vietnamese ones from vn_places.json; a place given in brackets after a venue
(`tại Bộ Quốc phòng (Hà Nội)`) counts too.
"""

from __future__ import annotations

from .countries import CountryFacts
from .gazetteer import capital_spellings, vn_place_matcher
from .names import word_keys
from .tokens import Doc

_LOCATIVE = word_keys("tại ở in at")
_PLACE_WORDS = word_keys("thủ đô thành phố tp tỉnh capital city the province tại trụ sở")
_HQ = ("trụ", "sở", "bộ", "công", "an")
HQ_CITY = "Hà Nội"
"""The Ministry's headquarters (`tại trụ sở Bộ Công an`) are in Hanoi."""
REMOTE = {"trực tuyến", "điện đàm"}


def find_locations(doc: Doc, cf: CountryFacts, meeting_types: list[str] = ()) -> list[str]:
    """Canonical names of the meeting places named in the title and lead.

    An online meeting or a phone call has no shared venue: its bridge points are not locations.
    """
    if REMOTE & set(meeting_types):
        return []
    places = vn_place_matcher()
    capitals = capital_spellings()
    by_start = {
        m.start: m
        for m in cf.mentions
        if m.kind in ("capital", "city") or " ".join(doc.folded[m.start : m.end]) in capitals
    }
    return _scan(doc, cf, by_start, places, 0, doc.core_end) or _scan(
        doc, cf, by_start, places, doc.core_end, doc.lead_end
    )


def _scan(doc: Doc, cf: CountryFacts, by_start: dict, places, start: int, end: int) -> list[str]:
    out: list[str] = []
    sentence = None
    for i in range(start, end):
        if sentence is not None and doc.sent_id[i] != sentence and not (doc.sent_start[i] and doc.capital[i]):
            continue  # later places only as a new venue of the visit: `Tại Praha, ...` opening a sentence
        if doc.exact[i] not in _LOCATIVE and "(" not in doc.gap(i):
            continue
        k = i + 1 if doc.exact[i] in _LOCATIVE else i
        stop = min(end, k + 4)
        while k < stop:
            hit = by_start.get(k)
            vn = places.match_at(doc, k) if hit is None else None
            place = None
            if hit is not None:
                place = (
                    hit.canonical
                    if hit.kind in ("capital", "city")
                    else capital_spellings()[" ".join(doc.folded[hit.start : hit.end])]
                )  # city-states: `in Singapore`
            elif vn is not None and (doc.capital[k] or doc.plain):
                place = vn.value
            elif tuple(doc.exact[k : k + 5]) == _HQ and cf.token_country.get(k + 5, "Việt Nam") == "Việt Nam":
                place = HQ_CITY
            if place is not None:
                _add(out, place)
                sentence = doc.sent_id[i]
                break
            if doc.exact[k] not in _PLACE_WORDS:
                break
            k += 1
    return out


def _add(out: list[str], value: str) -> None:
    if value not in out:
        out.append(value)
