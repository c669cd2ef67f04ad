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
    # meetings: grouped reports, the meetings view, partner and official pages
    "n_meetings": {"vi": "{n} cuộc gặp", "en": "{n} meetings", "en_one": "{n} meeting"},
    "n_articles": {"vi": "{n} bài", "en": "{n} articles", "en_one": "{n} article"},
    "n_other_articles": {"vi": "{n} bài không về cuộc gặp", "en": "{n} articles on no meeting",
                         "en_one": "{n} article on no meeting"},
    "other_reports": {"vi": "+{n} bài khác về cuộc gặp này", "en": "+{n} other reports of this meeting",
                      "en_one": "+{n} other report of this meeting"},
    "only_meetings": {"vi": "Chỉ bài về cuộc gặp", "en": "Meeting reports only"},
    "view_meetings": {"vi": "Xem theo cuộc gặp", "en": "View as meetings"},
    "view_articles": {"vi": "Xem theo bài", "en": "View as articles"},
    "nav_meetings": {"vi": "Các cuộc gặp", "en": "Meetings"},
    "meetings_title": {"vi": "Các cuộc gặp", "en": "Meetings"},
    "meetings_detail": {"vi": "từ {articles} bài", "en": "from {articles} articles", "en_one": "from 1 article"},
    "no_meetings": {"vi": "Không có cuộc gặp nào.", "en": "No meeting found."},
    "meetings_table": {"vi": "Các cuộc gặp, mới nhất trước", "en": "Meetings, newest first"},
    "col_date": {"vi": "Ngày", "en": "Date"},
    "col_partner": {"vi": "Đối tác", "en": "Partner"},
    "col_official": {"vi": "Lãnh đạo Việt Nam", "en": "Vietnamese officials"},
    "col_foreign": {"vi": "Phía bạn", "en": "Foreign officials and agencies"},
    "col_type": {"vi": "Hình thức", "en": "Type"},
    "col_place": {"vi": "Địa điểm", "en": "Place"},
    "col_topic": {"vi": "Chủ đề", "en": "Topics"},
    "col_reports": {"vi": "Số bài", "en": "Reports"},
    "col_title": {"vi": "Bài tiêu biểu", "en": "Best report"},
    "sort_by": {"vi": "Sắp xếp theo {column}", "en": "Sort by {column}"},
    "sorted_ascending": {"vi": "tăng dần", "en": "ascending"},
    "sorted_descending": {"vi": "giảm dần", "en": "descending"},
    "meetings_timeline": {"vi": "Số cuộc gặp theo năm", "en": "Meetings per year"},
    "meetings_timeline_bar": {"vi": "{year}: {count} cuộc gặp", "en": "{year}: {count} meetings"},
    "partner_heading": {"vi": "Đối tác: {name}", "en": "Partner: {name}"},
    "official_heading": {"vi": "Lãnh đạo: {name}", "en": "Official: {name}"},
    "profile_undated": {"vi": "{n} cuộc gặp không rõ năm", "en": "{n} meetings of unknown year",
                        "en_one": "{n} meeting of unknown year"},
    "vn_officials_met": {"vi": "Lãnh đạo Việt Nam", "en": "Vietnamese officials"},
    "foreign_officials_met": {"vi": "Quan chức phía bạn", "en": "Foreign officials"},
    "partners_met": {"vi": "Các nước đối tác", "en": "Partner countries"},
    "agencies_met": {"vi": "Cơ quan phía bạn", "en": "Foreign agencies"},
    "topics_over_time": {"vi": "Chủ đề theo năm", "en": "Topics over time"},
    "topic_total": {"vi": "Tổng", "en": "Total"},
    "latest_meetings": {"vi": "Các cuộc gặp gần đây", "en": "Latest meetings"},
    "all_meetings_of": {"vi": "Tất cả cuộc gặp: {name}", "en": "Every meeting: {name}"},
    "search_articles_of": {"vi": "Tìm bài: {name}", "en": "Search the articles: {name}"},
    "meeting_count": {"vi": "Số cuộc gặp", "en": "Meetings"},
    "partner_page": {"vi": "Trang đối tác {name}", "en": "Partner page of {name}"},
    "official_page": {"vi": "Trang lãnh đạo {name}", "en": "Page of {name}"},
    "profile_link": {"vi": "hồ sơ", "en": "profile"},
    "same_meeting": {"vi": "Bài khác về cuộc gặp này", "en": "Other reports of this meeting"},
    "partner_meetings": {"vi": "Các cuộc gặp khác cùng đối tác", "en": "Other meetings with the same partner"},
    "similar": {"vi": "Bài có nội dung tương tự", "en": "Similar articles"},
    "nothing_yet": {"vi": "Chưa có cuộc gặp nào trong chỉ mục.", "en": "No meeting in the index yet."},
}


def current_language() -> str:
    """`?lang=` first, then the browser's preference, then Vietnamese."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    best = request.accept_languages.best_match(LANGUAGES)
    return best or "vi"


def translate(key: str, lang: str | None = None, **values) -> str:
    """The text of `key`; with `n=1`, the language's singular (`en_one`) where it has one."""
    lang = lang or current_language()
    entry = CATALOG.get(key)
    if entry is None:
        return key
    text = (entry.get(f"{lang}_one") if values.get("n") == 1 else None) or entry.get(lang) or entry["vi"]
    return text.format(**values) if values else text


def results_summary(total: int, articles: int, meetings: int, lang: str | None = None) -> str:
    """What the results are, plainly: `3 meetings (7 articles) · 9 articles on no meeting`."""
    if not meetings:
        return translate("n_articles", lang, n=articles)
    others = total - meetings
    parts = [f"{translate('n_meetings', lang, n=meetings)} ({translate('n_articles', lang, n=articles - others)})"]
    if others:
        parts.append(translate("n_other_articles", lang, n=others))
    return " · ".join(parts)
