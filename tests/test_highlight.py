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
