"""Partner countries: every name the press uses, weighed so that passing mentions drop out.

A country is found through its names and aliases (`Liên bang Nga`, `LB Nga`,
`Russia`), capitals and cities (`Minsk`, `Mát-xcơ-va`) and agencies in the
gazetteer. Ambiguous aliases that are also Vietnamese given names or words
(`Nga`, `Anh`, `Đức`) count only in a country context. Each mention scores by
where it stands (title, lead), whether it names a counterpart (an agency or a
role: `Bộ Nội vụ Belarus`, `Đại sứ Hoa Kỳ`) and how often it recurs; the
partners are the countries that score close to the best one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .gazetteer import VIETNAM, CountryHit, country_matcher
from .names import SURNAMES, SURNAMES_FOLDED, word_keys
from .tokens import Doc

# Words that, shortly before a country name, make it a counterpart: an agency or a role.
AGENCY_WORDS = word_keys(
    """bộ cơ quan cảnh sát ủy ban hội đồng cục tổng cục văn phòng đại sứ đại sứ quán bộ trưởng thứ trưởng
    an ninh nội vụ tư pháp tư lệnh giám đốc chủ tịch thủ tướng đoàn phía lực lượng công an quân đội viện
    kiểm sát tòa án cao ủy lãnh sự tùy viên trưởng nước bạn chính phủ nhà nước ministry police agency
    embassy ambassador minister service bureau department council committee delegation security interior
    federal national"""
)
COUNTERPART_WINDOW = 9
"""How far back in its clause an agency or role word makes a country a counterpart
(`Bộ trưởng phụ trách vấn đề di cư Vương quốc Anh`)."""
# Words before a country that make the mention a passing one: lessons, examples.
PASSING_WORDS = word_keys("""nghiệm như dụ chẳng hạn kể học gồm""")
# Words right before an ambiguous alias that make it a country.
COUNTRY_CONTEXT = word_keys(
    """nước phía bạn bang lb với và của tại ở sang thăm đến từ giữa cùng hai vụ ninh sát an quốc nội phủ
    hòa giao chủ tịch sứ đoàn lực lượng"""
)


# Second syllables that make an ambiguous alias a Vietnamese word (`Anh hùng`: a hero).
COMPOUND_NEXT = word_keys("hùng dũng em chị hào kiệt tài minh")
COMPOUND_PREV = word_keys("chủ")
LOCATIVE = word_keys("tại ở in")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    country: str
    kind: str
    canonical: str
    counterpart: bool = False
    passing: bool = False


@dataclass(slots=True)
class CountryFacts:
    mentions: list[Mention] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    partners: list[str] = field(default_factory=list)
    token_country: dict[int, str] = field(default_factory=dict)
    """Token index -> country, for every token inside a country mention."""


def _ambiguous_ok(doc: Doc, i: int, j: int) -> bool:
    """An ambiguous alias (`Nga`, `Anh`, `Đức`) counts only in a country context."""
    if not doc.capital[i]:
        return False
    if doc.sent_start[i] and i >= doc.title_end:
        return False
    if j < len(doc) and doc.capital[j] and not doc.clause_start[j] and doc.accented[j]:
        return False  # `Anh Sơn`, `Nga Sơn`, `Đức Hòa`: a Vietnamese name or place goes on
    if j < len(doc) and not doc.clause_start[j] and doc.exact[j] in COMPOUND_NEXT:
        return False  # `Anh hùng Lực lượng vũ trang`, `anh em`: a word, not a country
    if i > 0 and not doc.clause_start[i] and doc.exact[i - 1] in COMPOUND_PREV:
        return False  # `Chủ Nhật` is Sunday
    if i == 0 or doc.sent_start[i]:
        return True
    if doc.clause_start[i] or doc.exact[i - 1] in COUNTRY_CONTEXT:
        return True
    if doc.capital[i - 1]:
        # inside a run of capitalised words: a person's name if a surname stands just before
        k = i - 1
        while k >= max(0, i - 3) and doc.capital[k]:
            if doc.exact[k] in SURNAMES:
                return False
            if doc.clause_start[k]:
                break
            k -= 1
    return True


def _inside_a_name(doc: Doc, i: int) -> bool:
    """Whether a place match at token i continues a person's name (a surname written just before)."""
    return (
        doc.plain
        and i > 0
        and doc.capital[i - 1]
        and not doc.clause_start[i]
        and doc.folded[i - 1] in SURNAMES_FOLDED
    )


def _single_ok(doc: Doc, i: int, j: int) -> bool:
    """A one-syllable alias (`Mỹ`, `Lào`, `Nga`) must be capitalised and not start a Vietnamese name."""
    if not doc.capital[i] and not doc.plain:
        return False
    return not (j < len(doc) and doc.capital[j] and not doc.clause_start[j] and doc.accented[j])


def find_countries(doc: Doc) -> CountryFacts:
    """Every country mention of the doc, scored, and the likely partners."""
    facts = CountryFacts()
    matcher = country_matcher()
    for m in matcher.find(doc):
        hit: CountryHit = m.value
        if hit.kind == "ambiguous" and not _ambiguous_ok(doc, m.start, m.end):
            continue
        if m.end - m.start == 1 and hit.kind != "ambiguous" and not _single_ok(doc, m.start, m.end):
            continue
        if hit.kind in ("city", "capital") and _inside_a_name(doc, m.start):
            continue  # `Bui Van Nam` is a person, not `Vân Nam` (Yunnan) written without accents
        mention = Mention(m.start, m.end, hit.country, hit.kind, hit.canonical)
        lo = max(0, m.start - COUNTERPART_WINDOW)
        if hit.kind == "agency":
            mention.counterpart = True
        elif doc.clause_start[m.start] and m.start > 0 and m.start - 1 in facts.token_country:
            # `Công an khu tự trị Quảng Tây, Trung Quốc`: the country after a comma only places the place
            lo = m.start
        elif hit.kind in ("capital", "city") and m.start > 0 and doc.exact[m.start - 1] in LOCATIVE:
            lo = m.start  # `Hội nghị Bộ trưởng ASEAN tại Viêng Chăn`: where, not whom
        for k in range(m.start - 1, lo - 1, -1):
            if doc.exact[k] in AGENCY_WORDS:
                mention.counterpart = True
                break
            if doc.clause_start[k] and k < m.start - 1:
                break
        if not mention.counterpart and doc.plain:
            # English order: `Belarus's Ministry of Internal Affairs`, `Russian Minister`
            for k in range(m.end, min(len(doc), m.end + 3)):
                if doc.clause_start[k]:
                    break
                if doc.folded[k] in AGENCY_WORDS:
                    mention.counterpart = True
                    break
        if not mention.counterpart:
            window = doc.exact[max(0, m.start - 3) : m.start]
            mention.passing = any(w in PASSING_WORDS for w in window)
        previous = facts.mentions[-1] if facts.mentions else None
        if (
            hit.kind == "agency"
            and previous is not None
            and previous.end == m.start
            and previous.country != hit.country
            and not doc.clause_start[m.start]
        ):
            continue  # `Busan Metropolitan Police`: the place written before names whose police it is
        facts.mentions.append(mention)
        for t in range(m.start, m.end):
            facts.token_country[t] = hit.country
    facts.scores = score(doc, facts.mentions)
    backed = {m.country for m in facts.mentions if m.counterpart or m.start < doc.title_end}
    facts.partners = [c for c in choose(facts.scores) if c in backed]
    return facts


def score(doc: Doc, mentions: list[Mention]) -> dict[str, float]:
    """Weigh each country by where and how it is mentioned."""
    scores: dict[str, float] = {}
    seen_title: set[str] = set()
    seen_lead: set[str] = set()
    body: dict[str, int] = {}
    for m in mentions:
        c = m.country
        if c == VIETNAM:
            continue
        s = 0.0
        if m.start < doc.title_end:
            if c not in seen_title:
                s += 4
                seen_title.add(c)
        elif m.start < doc.lead_end:
            s += 3 if c not in seen_lead else 1
            seen_lead.add(c)
        else:
            if body.get(c, 0) < 6 and not m.passing:
                s += 1
            body[c] = body.get(c, 0) + 1
        if m.counterpart:
            s += 2
        if m.passing:
            s = min(s, 0.5)
        scores[c] = scores.get(c, 0.0) + s
    return scores


def choose(scores: dict[str, float], minimum: float = 5.0, ratio: float = 0.35) -> list[str]:
    """Countries scoring at least `minimum` and `ratio` of the best, best first."""
    if not scores:
        return []
    top = max(scores.values())
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    return [c for c, s in ranked if s >= minimum and s >= ratio * top]
