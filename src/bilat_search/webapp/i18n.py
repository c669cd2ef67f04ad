"""Every string of the interface, in Vietnamese (default) and English."""

from __future__ import annotations

from flask import request

LANGUAGES = ("vi", "en")

CATALOG: dict[str, dict[str, str]] = {
    "app_name": {"vi": "bilat-search", "en": "bilat-search"},
    "tagline": {"vi": "Tin tức hợp tác an ninh song phương của Bộ Công an",
                "en": "News of the Ministry of Public Security's bilateral security cooperation"},
    "search_label": {"vi": "Tìm kiếm", "en": "Search"},
    "search_placeholder": {"vi": "Ví dụ: to lam han quoc, \"an ninh mạng\", ma túy -Lào",
                           "en": "e.g. to lam han quoc, \"an ninh mạng\", ma túy -Lào"},
    "search_button": {"vi": "Tìm", "en": "Search"},
    "results_count": {"vi": "{total} kết quả", "en": "{total} results"},
    "took": {"vi": "({ms} ms)", "en": "({ms} ms)"},
    "sort_label": {"vi": "Sắp xếp", "en": "Sort"},
    "sort_relevance": {"vi": "Liên quan nhất", "en": "Relevance"},
    "sort_newest": {"vi": "Mới nhất", "en": "Newest"},
    "sort_oldest": {"vi": "Cũ nhất", "en": "Oldest"},
    "facet_partner": {"vi": "Nước đối tác", "en": "Partner country"},
    "facet_year": {"vi": "Năm", "en": "Year"},
    "facet_official": {"vi": "Lãnh đạo Việt Nam", "en": "Vietnamese official"},
    "facet_topic": {"vi": "Chủ đề", "en": "Topic"},
    "facet_source": {"vi": "Nguồn", "en": "Source"},
    "facet_type": {"vi": "Hình thức", "en": "Meeting type"},
    "facet_location": {"vi": "Địa điểm", "en": "Location"},
    "facets_heading": {"vi": "Lọc kết quả", "en": "Narrow results"},
    "more": {"vi": "Xem thêm", "en": "More"},
    "fewer": {"vi": "Thu gọn", "en": "Fewer"},
    "unknown_year": {"vi": "không rõ", "en": "unknown"},
    "clear_all": {"vi": "Bỏ tất cả bộ lọc", "en": "Clear all"},
    "remove_filter": {"vi": "Bỏ bộ lọc {value}", "en": "Remove filter {value}"},
    "active_filters": {"vi": "Bộ lọc đang dùng", "en": "Active filters"},
    "did_you_mean": {"vi": "Có phải bạn muốn tìm", "en": "Did you mean"},
    "no_results": {"vi": "Không tìm thấy bài nào.", "en": "No article found."},
    "no_results_help": {"vi": "Thử bỏ bớt từ hoặc bộ lọc, hoặc gõ lại không dấu.",
                        "en": "Try fewer words or filters, or type without diacritics."},
    "date_unknown": {"vi": "không rõ ngày", "en": "date unknown"},
    "previous": {"vi": "Trang trước", "en": "Previous"},
    "next": {"vi": "Trang sau", "en": "Next"},
    "page_of": {"vi": "Trang {page}/{pages}", "en": "Page {page} of {pages}"},
    "pagination": {"vi": "Phân trang", "en": "Pagination"},
    "timeline": {"vi": "Số bài theo năm", "en": "Articles per year"},
    "timeline_bar": {"vi": "{year}: {count} bài", "en": "{year}: {count} articles"},
    "export_csv": {"vi": "Tải CSV", "en": "Download CSV"},
    "examples_heading": {"vi": "Thử tìm", "en": "Try"},
    "syntax_heading": {"vi": "Cách gõ truy vấn", "en": "Query syntax"},
    "syntax_words": {"vi": "Các từ: tìm bài có tất cả các từ; có dấu hay không dấu đều được.",
                     "en": "Words: articles with all of them; diacritics optional."},
    "syntax_phrase": {"vi": "\"cụm từ\": đúng cụm từ theo thứ tự.",
                      "en": "\"a phrase\": those words in that order."},
    "syntax_exclude": {"vi": "-từ: loại các bài có từ này.", "en": "-word: leave out articles with it."},
    "syntax_or": {"vi": "a OR b: bài có a hoặc b.", "en": "a OR b: articles with either."},
    "browse_all": {"vi": "Xem tất cả bài, mới nhất trước", "en": "Browse every article, newest first"},
    "article_facts": {"vi": "Thông tin cuộc gặp", "en": "Meeting facts"},
    "field_partner_countries": {"vi": "Nước đối tác", "en": "Partner countries"},
    "field_date": {"vi": "Ngày", "en": "Date"},
    "field_vn_officials": {"vi": "Lãnh đạo Việt Nam", "en": "Vietnamese officials"},
    "field_foreign_officials": {"vi": "Quan chức nước ngoài", "en": "Foreign officials"},
    "field_foreign_agencies": {"vi": "Cơ quan nước ngoài", "en": "Foreign agencies"},
    "field_locations": {"vi": "Địa điểm", "en": "Location"},
    "field_topics": {"vi": "Chủ đề", "en": "Topics"},
    "field_meeting_types": {"vi": "Hình thức", "en": "Meeting types"},
    "field_source": {"vi": "Nguồn", "en": "Source"},
    "field_path": {"vi": "Tệp", "en": "File"},
    "original_article": {"vi": "Xem bài gốc", "en": "Original article"},
    "related": {"vi": "Bài liên quan", "en": "Related articles"},
    "back_to_results": {"vi": "Quay lại kết quả", "en": "Back to results"},
    "not_found_title": {"vi": "Không tìm thấy", "en": "Not found"},
    "not_found": {"vi": "Không có bài viết này trong chỉ mục.", "en": "There is no such article in the index."},
    "bad_request_title": {"vi": "Yêu cầu không hợp lệ", "en": "Bad request"},
    "server_error_title": {"vi": "Có lỗi xảy ra", "en": "Something went wrong"},
    "server_error": {"vi": "Máy chủ gặp lỗi khi xử lý yêu cầu này. Hãy thử lại.",
                     "en": "The server failed to answer this request. Please try again."},
    "no_index": {"vi": "Chưa có chỉ mục: hãy chạy `bilat-search index`.",
                 "en": "No index yet: run `bilat-search index`."},
    "index_unreadable": {"vi": "Không đọc được chỉ mục (quyền truy cập hoặc tệp hỏng): hãy kiểm tra thư mục chỉ mục "
                                "hoặc chạy lại `bilat-search index`.",
                         "en": "The index cannot be read (permissions or a damaged file): check the index folder "
                               "or run `bilat-search index` again."},
    "home": {"vi": "Trang chủ", "en": "Home"},
    "language": {"vi": "English", "en": "Tiếng Việt"},
    "skip_to_results": {"vi": "Chuyển đến kết quả", "en": "Skip to results"},
    "yes": {"vi": "có", "en": "yes"},
    "bilateral": {"vi": "Cuộc gặp song phương", "en": "Bilateral meeting"},
}


def current_language() -> str:
    """`?lang=` first, then the browser's preference, then Vietnamese."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    best = request.accept_languages.best_match(LANGUAGES)
    return best or "vi"


def translate(key: str, lang: str | None = None, **values) -> str:
    lang = lang or current_language()
    entry = CATALOG.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["vi"]
    return text.format(**values) if values else text
