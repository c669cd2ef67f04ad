"""People at the meeting: the Vietnamese side's leaders and their foreign counterparts.

A person is a run of capitalised syllables after a title (`Thượng tướng`,
`Bộ trưởng`, `Minister`) or a name the gazetteers know. Side: the gazetteers
first, then the role around the name (`Bộ trưởng Bộ Công an Trung Quốc
Quách Thanh Côn` is Chinese although the name looks Vietnamese), then the
shape of the name (a Vietnamese surname and accented syllables). Presence: a
mention in the title or lead, a participation sentence (`cùng dự`), or
repeated mentions; former leaders and people only cited (`chỉ đạo của Tổng Bí
thư ...`) are not at the meeting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..vietnamese import fold, search_key
from .countries import CountryFacts
from .gazetteer import VIETNAM, Person, foreign_official_matcher, vn_official_matcher, vn_place_matcher
from .names import (
    ENGLISH_CAPS,
    FORMER_WORDS,
    GIVEN_NAMES,
    HONORIFICS,
    MIDDLE_NAMES,
    NAME_INNER_OK,
    NOT_A_NAME_START,
    NOT_A_NAME_START_FOLDED,
    ORG_WORDS,
    PARTICLES,
    ROLE_INNER,
    ROLE_INNER_FOLDED,
    SURNAMES,
    SURNAMES_FOLDED,
    TITLE_ENDS,
    TITLE_ENDS_FOLDED,
    word_keys,
)
from .tokens import Doc

_STOP_APPOSITIVE = word_keys(
    """đã sẽ đang với và do hội tiếp làm dẫn có tham chủ nhấn khẳng cho bày cảm đánh đề phát trao chào cùng
    tại ngày là thăm hoan nhiệt vui held met received said"""
)
# Words before a name's role that make the person someone spoken of, not at the meeting: `chuyến thăm
# của Tổng Bí thư`, `theo chỉ đạo`, `tháp tùng Chủ tịch Quốc hội`, `lời mời của`, `greetings from`.
CITED_BEFORE = word_keys("""của theo đạo tùng tới gửi from accompanying invitation behalf""")
CITED_WINDOW = 8
"""How far before a name's title the citing word may stand (`của đồng chí Tổng Bí thư`)."""
_PRESENT_WORDS = re.compile(
    r"\b(?:cùng dự|tham dự|cùng tham dự|có mặt|tháp tùng|cùng đi|cùng tham gia|cùng chủ trì|đồng chủ trì|"
    r"attended|accompanied|also present)\b",
    re.I,
)
_MEETING_VERBS = re.compile(
    r"\b(?:hội đàm|làm việc với|hội kiến|tiếp(?! (?:xúc|tục|nhận|cận|theo))|gặp|điện đàm|chào xã giao|"
    r"met|held talks|received|courtesy call)\b",
    re.I,
)
LEADERSHIP_ROLE = re.compile(
    r"Chủ tịch nước|Thủ tướng|Tổng Bí thư|Chủ tịch Quốc hội|Thường trực Ban Bí thư|"
    r"\bPresident\b|Prime Minister|\bPM\b|General Secretary|Party (?:chief|leader)|National Assembly Chair",
    re.I,
)
"""The state's and the Party's top leaders."""
_SECURITY_LEADER = re.compile(
    r"(?:Bộ trưởng|Thứ trưởng|Giám đốc)[^,;]{0,12}Công an|Minister of Public Security|Public Security Minister|"
    r"Director of [^,;]{0,30}(?:Public Security|Police)"
)
"""The public-security side's leaders: reported acting at a meeting anywhere in the text, they were at it."""
_LEADER_ROLE = re.compile(r"\b(?:Bộ trưởng|Thứ trưởng|[Mm]inister|Giám đốc Công an|Director)\b")
_CREDIT_BEFORE = re.compile(r"(?<!\w)(?:Ảnh|ẢNH|Photo|PHOTO|Nguồn|Video)\s*:[^,;.()\n]*$")
_LOCATIVE = word_keys("""tại ở in to""")
_FORMER_AFTER = re.compile(r"(?<!hiện )\b(?:nay là|trước đây|khi đó|lúc đó|then|now)\b", re.I)


@dataclass(slots=True)
class PersonMention:
    start: int
    end: int
    written: str
    known: Person | None
    titled: bool
    title_start: int
    side: str
    former: bool = False
    cited: bool = False
    credit: bool = False
    role: str = ""
    """The role phrase around the name (before it in its clause, and its appositive)."""


def _title_before(doc: Doc, i: int) -> int | None:
    """Index of the title word that introduces the name at token i, else None.

    Between the title and the name only an agency or country may stand
    (`Bộ trưởng Bộ Công an Trung Quốc Quách Thanh Côn`, `Giám đốc Cơ quan An
    ninh Nga Alexander ...`), never a verb or another clause.
    """
    k = i - 1
    lo = max(0, i - 12)
    plain = doc.plain
    while k >= lo:
        key = doc.folded[k] if plain else doc.exact[k]
        if key in (TITLE_ENDS_FOLDED if plain else TITLE_ENDS) or key in HONORIFICS:
            return k
        if doc.sent_start[k + 1]:
            return None
        if doc.clause_start[k + 1] and doc.gap(k + 1).strip() not in ("(", ")", "-", "–"):
            return None
        if not (doc.capital[k] or key in ROLE_INNER or (plain and key in ROLE_INNER_FOLDED)):
            return None
        k -= 1
    return None


def _name_ends_after(doc: Doc, j: int) -> bool:
    """Whether token j is followed by the end of a clause or a lower-case word (`Nguyễn Văn Viện, Cục trưởng`)."""
    return j + 1 >= len(doc) or doc.clause_start[j + 1] or not doc.capital[j + 1]


def _title_in_clause(doc: Doc, i: int) -> int | None:
    """A title word earlier in the clause of a name written right after its country."""
    titles = TITLE_ENDS_FOLDED if doc.plain else TITLE_ENDS
    k = i - 1
    while k >= max(0, i - 12) and not doc.clause_start[k + 1]:
        if (doc.folded[k] if doc.plain else doc.exact[k]) in titles:
            return k
        k -= 1
    return None


def _country_side(doc: Doc, cf: CountryFacts, lo: int, hi: int) -> str | None:
    """The side a role phrase in tokens [lo, hi) names: the last country mentioned, not after `tại`."""
    side = None
    k = lo
    while k < hi:
        country = cf.token_country.get(k)
        if country is not None:
            prev = doc.exact[k - 1] if k else ""
            if prev not in _LOCATIVE:
                side = "vn" if country == VIETNAM else "foreign"
            while k < hi and cf.token_country.get(k) == country:
                k += 1
            continue
        k += 1
    return side


def _appositive_end(doc: Doc, j: int) -> int:
    """End of the role phrase that follows a name after a comma (`Tô Lâm, Bộ trưởng Bộ Công an`)."""
    n = len(doc)
    if j >= n or not any(mark in doc.gap(j) for mark in (",", "-", "–")):
        return j
    k = j
    while k < n and k < j + 14 and not doc.sent_start[k]:
        key = doc.exact[k]
        if key in _STOP_APPOSITIVE or (
            not doc.capital[k] and key in NOT_A_NAME_START and k > j + 1 and not doc.capital[k - 1]
        ):
            break  # but `Công an`, `Quốc phòng`, `Nội vụ` go on
        k += 1
    return k


def _vietnamese_shape(doc: Doc, i: int, j: int) -> bool:
    if not 2 <= j - i <= 4:
        return False
    if doc.plain:
        return doc.folded[i] in SURNAMES_FOLDED
    return doc.exact[i] in SURNAMES and any(doc.accented[k] for k in range(i, j))


def _known_people(doc: Doc) -> dict[int, tuple[int, Person]]:
    """Start -> (end, person) of every name the gazetteers know (capitalised as written)."""
    found: dict[int, tuple[int, Person]] = {}
    for matcher in (vn_official_matcher(), foreign_official_matcher()):
        for m in matcher.find(doc):
            if (doc.capital[m.start] or doc.plain) and m.start not in found:
                found[m.start] = (m.end, m.value)
    return found


def _name_run(doc: Doc, cf: CountryFacts, i: int) -> int:
    """End of the run of name words starting at token i."""
    n = len(doc)
    plain = doc.plain
    j = i + 1
    while j < n and j - i < 7 and j not in cf.token_country:
        gap = doc.gap(j)
        hyphen = gap in ("-", "'", "’")
        key = doc.folded[j] if plain else doc.exact[j]
        if not hyphen and (doc.sent_start[j] or doc.clause_start[j]):
            break
        if not doc.capital[j] and not hyphen:
            # name particles: `bin Zayed`, `Dela Cruz`, `van der Berg`
            if key in PARTICLES and j + 1 < n and doc.capital[j + 1] and not doc.clause_start[j + 1]:
                j += 1
                continue
            break
        given_name = j - i == 2 and doc.folded[i] in SURNAMES_FOLDED and (
            key in GIVEN_NAMES or (doc.folded[i + 1] in MIDDLE_NAMES and _name_ends_after(doc, j))
        )
        if not given_name and (
            key in ORG_WORDS
            or key in ENGLISH_CAPS
            or (key in NOT_A_NAME_START and key not in NAME_INNER_OK and not hyphen)
        ):
            break  # but `Nguyễn Văn Hai`, `Nguyen Van Hai`: a common word is a given name after two name words
        j += 1
    return j


def find_people(doc: Doc, cf: CountryFacts) -> list[PersonMention]:
    """Every mention of a person, with its side and context."""
    places = vn_place_matcher()
    known_at = _known_people(doc)
    out: list[PersonMention] = []
    n = len(doc)
    plain = doc.plain
    not_start = NOT_A_NAME_START_FOLDED if plain else NOT_A_NAME_START
    i = 0
    while i < n:
        known = None
        if i in known_at:
            j, known = known_at[i]
        else:
            if not doc.capital[i] or i in cf.token_country:
                i += 1
                continue
            key = doc.folded[i] if plain else doc.exact[i]
            word = doc.words[i]
            surname_first = plain and key in SURNAMES_FOLDED and i + 1 < n and doc.capital[i + 1]
            if (
                (key in not_start and not surname_first)
                or key in HONORIFICS
                or key in ENGLISH_CAPS
                or word.isdigit()
                or (word.isupper() and len(word) > 1)
            ):
                i += 1
                continue
            if plain and i < doc.title_end:
                i += 1
                continue
            j = _name_run(doc, cf, i)
            if any(k in known_at for k in range(i + 1, j)):
                j = min(k for k in range(i + 1, j) if k in known_at)
            place = places.match_at(doc, i)
            if place is not None and place.end >= j:
                i = j
                continue
        title_at = _title_before(doc, i)
        if title_at is None and i - 1 in cf.token_country:
            title_at = _title_in_clause(doc, i)  # `Bộ trưởng phụ trách di cư Vương quốc Anh Robert Jenrick`
        titled = title_at is not None
        if known is None:
            if plain and (title_at is None or len(doc.words[i]) < 2 and j - i < 2):
                i = j
                continue
            if not titled and not _vietnamese_shape(doc, i, j):
                i = j
                continue
            if j - i == 1 and (doc.accented[i] or len(doc.words[i]) < 3):
                i = j  # a lone accented word after a title is a word (`Đối tác`), not a surname
                continue
        title_start = title_at if title_at is not None else i
        # the whole role phrase: back to the clause start
        role_lo = title_start
        while role_lo > 0 and role_lo > i - 12 and not doc.clause_start[role_lo]:
            role_lo -= 1
        after_end = _appositive_end(doc, j)
        if known is not None:
            side = "vn" if known.country == VIETNAM else "foreign"
        else:
            side = _country_side(doc, cf, role_lo, i) or _country_side(doc, cf, j, after_end)
            if side is None:
                side = "vn" if _vietnamese_shape(doc, i, j) else "foreign"
        before = {doc.exact[k] for k in range(max(0, role_lo - 1), i)}
        after_text = re.split(r"[.;:!?\n]", doc.source[doc.ends[j - 1] : doc.ends[j - 1] + 50], maxsplit=1)[0]
        mention = PersonMention(
            i,
            j,
            doc.phrase(i, j),
            known,
            titled,
            title_start,
            side,
            former=bool(before & FORMER_WORDS) or bool(_FORMER_AFTER.search(after_text)),
            cited=_cited(doc, title_start),
            credit=bool(_CREDIT_BEFORE.search(doc.source[max(0, doc.starts[i] - 60) : doc.starts[i]])),
            role=doc.source[doc.starts[role_lo] : doc.ends[max(after_end, j) - 1]],
        )
        out.append(mention)
        i = j
    _propagate_sides(out)
    _cite_enumerations(doc, out)
    return out


def _cited(doc: Doc, title_start: int) -> bool:
    """Whether a citing word stands shortly before the role, in the same clause.

    A chain of titles (`tới Tổng Bí thư, Chủ tịch nước X`) and brackets (`from Minister of Public
    Security (MoPS) Gen. To Lam`) belong to the clause.
    """
    k = title_start - 1
    while k >= max(0, title_start - CITED_WINDOW):
        if doc.exact[k] in CITED_BEFORE and not doc.capital[k]:
            return True
        if doc.clause_start[k]:
            gap = doc.gap(k).strip()
            chained = gap == "," and k > 0 and doc.exact[k - 1] in TITLE_ENDS
            if not (chained or gap in ("(", ")")):
                break
        k -= 1
    return False


def _cite_enumerations(doc: Doc, mentions: list[PersonMention]) -> None:
    """`lời chào của Tổng Bí thư X, Thủ tướng Y và ...`: the people listed after a cited one are cited too."""
    for previous, mention in zip(mentions, mentions[1:], strict=False):
        if not previous.cited or mention.cited or mention.title_start - previous.end > 1:
            continue
        same_sentence = doc.sent_id[previous.start] == doc.sent_id[mention.start]
        listed = doc.gap(mention.title_start).strip() in (",", ";", "") or (
            mention.title_start - previous.end == 1 and doc.exact[previous.end] in ("và", "and")
        )
        # greetings go to a list of leaders; `của Chủ tịch Quốc hội X, Thượng tướng Y` names the speaker next
        if same_sentence and listed and LEADERSHIP_ROLE.search(mention.role):
            mention.cited = True


def person_key(mention: PersonMention) -> str:
    if mention.known is not None:
        return "known:" + mention.known.name
    return "name:" + fuzzy_key(mention.written)


_FUZZY_SUBS = [("sh", "s"), ("ph", "f"), ("ck", "k"), ("x", "ks"), ("k", "g"), ("w", "v"), ("y", "i"), ("j", "i")]


def fuzzy_tokens(name: str) -> list[str]:
    """Folded, transliteration-tolerant tokens: `Hee-keun` ~ `Heegeun`, `Alexandrovich` ~ `Aleksandrovich`."""
    tokens = []
    for token in re.split(r"[\s\-.]+", fold(name).lower()):
        token = re.sub(r"[^a-z]", "", token)
        if not token:
            continue
        for a, b in _FUZZY_SUBS:
            token = token.replace(a, b)
        token = re.sub(r"(.)\1+", r"\1", token)
        tokens.append(token)
    return tokens


def fuzzy_key(name: str) -> str:
    return "".join(fuzzy_tokens(name))


def _propagate_sides(mentions: list[PersonMention]) -> None:
    """One person, one side: a name once shown to be foreign is foreign everywhere."""
    foreign = {person_key(m) for m in mentions if m.side == "foreign"}
    for m in mentions:
        if person_key(m) in foreign and m.known is None:
            m.side = "foreign"


def _group(mentions: list[PersonMention]) -> list[list[PersonMention]]:
    """Group mentions of one person: same gazetteer entry, same fuzzy key, or a part of a fuller name."""
    groups: list[list[PersonMention]] = []
    keys: list[tuple[str | None, str, set[str]]] = []
    for m in mentions:
        known = m.known.name if m.known else None
        tokens = fuzzy_tokens(m.written)
        key = "".join(tokens)
        token_set = set(tokens)
        placed = False
        for g, (gk, gkey, gtokens) in enumerate(keys):
            same = (
                (known is not None and known == gk)
                or key == gkey
                or (token_set and (token_set <= gtokens or gtokens <= token_set))
            )
            if same:
                groups[g].append(m)
                if gk is None and known is not None:
                    keys[g] = (known, gkey, gtokens | token_set)
                else:
                    keys[g] = (gk, gkey, gtokens | token_set)
                placed = True
                break
        if not placed:
            groups.append([m])
            keys.append((known, key, token_set))
    return groups


def vn_officials(doc: Doc, people: list[PersonMention]) -> list[str]:
    """The Vietnamese side's leaders at the meeting, gazetteer spelling where known."""
    out: list[str] = []
    mentions = [m for m in people if m.side == "vn" and not m.credit]
    for group in _group(mentions):
        if not any(m.titled or m.known for m in group):
            continue
        if all(m.former for m in group):
            continue
        present = False
        leader = any(m.known for m in group) or any(_LEADER_ROLE.search(m.role) for m in group)
        for m in group:
            if m.former or m.cited:
                continue
            a, b = doc.sentence_bounds(m.start)
            attending = bool(_PRESENT_WORDS.search(doc.source[doc.starts[a] : doc.ends[b - 1]]))
            if attending and not leader:
                continue  # `Cùng tham dự có Thiếu tướng X, Cục trưởng ...`: attends, does not lead
            if m.start < doc.lead_end or attending:
                present = True
                break
        if not present:
            titled_mentions = [m for m in group if m.titled and not m.former and not m.cited]
            present = len(titled_mentions) >= 2 or any(
                _SECURITY_LEADER.search(m.role) and _acting_sentence(doc, m.start) for m in titled_mentions
            )
        if present:
            name = next((m.known.name for m in group if m.known), None) or _longest(group)
            if search_key(name) not in {search_key(x) for x in out}:
                out.append(name)
    return out


def foreign_officials(doc: Doc, people: list[PersonMention]) -> list[str]:
    """Foreign officials at the meeting, as first written, one entry per person."""
    out: list[str] = []
    mentions = [m for m in people if m.side == "foreign" and not m.credit]
    for group in _group(mentions):
        present = (
            any(m.start < doc.lead_end and not m.cited for m in group)
            or len(group) >= 2
            or any(
                m.titled
                and not m.cited
                and (doc.clause_start[m.title_start] or _meeting_sentence(doc, m.start))
                for m in group
            )
        )
        if present and not all(m.former for m in group):
            out.append(_first_full(group))
    return out


_ACTING = re.compile(
    r"\b(?:thay mặt|cảm ơn|phát biểu|chúc mừng|trao quà|tặng quà|đánh giá cao|khẳng định|nhấn mạnh|đề nghị|"
    r"chủ trì|dẫn đầu|trưởng đoàn|on behalf|thanked|said|stressed|affirmed|proposed|led|chaired|co-chaired)\b",
    re.I,
)


def _acting_sentence(doc: Doc, i: int) -> bool:
    """A sentence that reports a meeting, or a speech or act at one (`thay mặt ... cảm ơn`)."""
    a, b = doc.sentence_bounds(i)
    sentence = doc.source[doc.starts[a] : doc.ends[b - 1]]
    return bool(_MEETING_VERBS.search(sentence) or _ACTING.search(sentence))


def _meeting_sentence(doc: Doc, i: int) -> bool:
    a, b = doc.sentence_bounds(i)
    return bool(_MEETING_VERBS.search(doc.source[doc.starts[a] : doc.ends[b - 1]]))


def _longest(group: list[PersonMention]) -> str:
    return max(group, key=lambda m: (m.end - m.start, -m.start)).written


def _first_full(group: list[PersonMention]) -> str:
    longest = max(m.end - m.start for m in group)
    for m in group:
        if m.end - m.start >= min(2, longest):
            return m.written
    return group[0].written
