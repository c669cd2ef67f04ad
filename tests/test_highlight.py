from bilat_search.highlight import fragments, snippet_html, terms_for, to_html
from bilat_search.query import parse


def marks(query: str, text: str) -> str:
    return snippet_html(text, terms_for(parse(query).highlight_runs()), size=200)


def test_words_typed_together_are_marked_where_they_stand_together():
    text = "Bộ trưởng Tô Lâm bày tỏ vui mừng, góp phần làm sâu sắc quan hệ."
    html = marks("to lam", text)
    assert "<mark>Tô Lâm</mark>" in html
    assert "<mark>tỏ</mark>" not in html and "<mark>làm</mark>" not in html


def test_marks_join_where_the_index_counts_words_as_side_by_side():
    html = marks("mat xco va", "Đoàn đến Mát-xcơ-va hôm qua.")
    assert "<mark>Mát-xcơ-va</mark>" in html
    html = marks("minsk tai", "Hội đàm ở Minsk. Tại đây, hai bên ký kết.")
    assert "<mark>Minsk</mark>. <mark>Tại</mark>" in html


def test_scattered_words_are_marked_when_they_never_stand_together():
    html = marks("nga ma tuy", "Hợp tác với Nga về phòng chống ma túy.")
    assert "<mark>Nga</mark>" in html and "<mark>ma túy</mark>" in html


def test_typed_diacritics_prefer_the_exact_form():
    html = marks("đường", "Con đường và con dương.")
    assert "<mark>đường</mark>" in html and "<mark>dương</mark>" not in html
    assert "<mark>dương</mark>" in marks("duong", "Chỉ có con dương.")


def test_any_form_typed_marks_the_text_as_written():
    text = "Bộ Công an Việt Nam và CÔNG AN tỉnh"
    for query in ("cong an", "Công an", "CÔNG AN", "công an"):
        html = marks(query, text)
        assert "<mark>Công an</mark>" in html and "<mark>CÔNG AN</mark>" in html, query


def test_markup_is_built_on_escaped_text():
    html = marks("script", 'Tiêu đề <script>alert("x")</script> & <b>đậm</b>')
    assert "<script>" not in html and "&lt;" in html and "&amp;" in html
    assert "<mark>script</mark>" in html


def test_window_and_ellipses():
    text = " ".join(["lời"] * 100) + " Tô Lâm " + " ".join(["kết"] * 100)
    html = snippet_html(text, terms_for([["Tô", "Lâm"]]))
    assert html.startswith("… ") and html.endswith(" …") and "<mark>Tô Lâm</mark>" in html


def test_spaces_survive_around_marks_across_lines():
    parts = fragments("Tô Lâm\nkhẳng định", terms_for([["to", "lam"]]), whole=True)
    assert to_html(parts) == "<mark>Tô Lâm</mark> khẳng định"


FILLER = "Thời tiết hôm nay nắng nhẹ, giao thông thông suốt trên các tuyến phố chính. " * 20  # ~1,500 characters


def test_a_long_article_gives_its_snippet_from_where_the_words_stand_together():
    text = ("Bộ trưởng nói về an ninh. " + FILLER + "Hai bên ký kết hợp tác phòng chống ma túy tại Viêng Chăn. "
            + FILLER + "Cuối cùng, ma túy được nhắc lại.")
    html = snippet_html(text, terms_for(parse("hop tac ma tuy vieng chan").highlight_runs()))
    assert "<mark>hợp tác</mark>" in html and "<mark>Viêng Chăn</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")


def test_a_long_article_without_the_words_gives_its_opening():
    html = snippet_html("Mở đầu bài viết. " + FILLER, terms_for(parse("belarus").highlight_runs()))
    assert html.startswith("Mở đầu bài viết.") and html.endswith(" …")


def test_a_long_article_written_with_combining_marks_is_still_marked():
    decomposed = "Bo\u0323 Công an"  # `Bộ` with a combining dot below: folding changes the length
    text = FILLER + decomposed + " hội đàm với Belarus. " + FILLER
    html = snippet_html(text, terms_for(parse("belarus").highlight_runs()))
    assert "<mark>Belarus</mark>" in html
