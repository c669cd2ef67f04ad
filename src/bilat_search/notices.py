"""What a search tells its user about how it read the query, in both languages."""

from __future__ import annotations

from dataclasses import dataclass, field

MESSAGES: dict[str, dict[str, str]] = {
    "query_cut": {"en": "The query was cut to its first {limit} characters.",
                  "vi": "Truy vấn đã được cắt còn {limit} ký tự đầu."},
    "unclosed_quote": {"en": "A quotation mark was not closed: the phrase runs to the end of the query.",
                       "vi": "Thiếu dấu ngoặc kép đóng: cụm từ được tính đến hết truy vấn."},
    "too_many_words": {"en": "Only the first {limit} words were searched.",
                       "vi": "Chỉ tìm {limit} từ đầu tiên."},
    "only_exclusions": {"en": "The query only excludes words: showing every other article.",
                        "vi": "Truy vấn chỉ loại trừ từ: hiển thị mọi bài còn lại."},
    "unknown_filter_value": {"en": "No article has {filters}.", "vi": "Không có bài nào với {filters}."},
    "some_words": {"en": "No article has all the words: showing articles with some of them.",
                   "vi": "Không bài nào có đủ các từ: hiển thị các bài có một phần."},
    "some_words_after": {"en": "Few articles have all the words: articles with some of them follow.",
                         "vi": "Ít bài có đủ các từ: các bài có một phần được xếp sau."},
    "partial": {"en": "The search took too long: results may be incomplete.",
                "vi": "Tìm kiếm quá lâu: kết quả có thể chưa đầy đủ."},
}


@dataclass(frozen=True)
class Notice:
    code: str
    values: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        messages = MESSAGES[self.code]
        return (messages.get(lang) or messages["en"]).format(**self.values)

    def __str__(self) -> str:
        return self.text("en")
