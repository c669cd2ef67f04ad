import pytest

from bilat_search.readers import parse_html, parse_text

SEED = """http://www.vietnamplus.vn/bo-cong-an-hoi-dam/433788.vnp
-----------------
Bộ Công an hội đàm với Bộ Nội vụ Belarus
-----------------
Ngày 2/3, tại Minsk, hai bên đã hội đàm.

Đoạn thứ hai.
-----------------
"""


def test_seed_format():
    article = parse_text(SEED, "a.txt")
    assert article.url == "http://www.vietnamplus.vn/bo-cong-an-hoi-dam/433788.vnp"
    assert article.title == "Bộ Công an hội đàm với Bộ Nội vụ Belarus"
    assert article.text == "Ngày 2/3, tại Minsk, hai bên đã hội đàm.\n\nĐoạn thứ hai."
    assert article.format == "seed"


def test_date_prefix_format():
    article = parse_text(" date 2023-11 Bộ trưởng Tô Lâm phát biểu.\n\nĐoạn hai.", "b.txt")
    assert article.published == "2023-11"
    assert article.published_basis == "prefix"
    assert article.text == "Bộ trưởng Tô Lâm phát biểu.\n\nĐoạn hai."
    assert article.title is None
    assert parse_text(" date 2019-08-12 Nội dung.", "c.txt").published == "2019-08-12"


def test_plain_text_gets_a_title_from_its_first_sentence():
    article = parse_text("Hai bên hội đàm tại Hà Nội về hợp tác. Câu thứ hai.\n\n\n\nĐoạn hai.", "d.txt")
    assert article.title is None
    assert article.display_title == "Hai bên hội đàm tại Hà Nội về hợp tác"
    assert article.text.count("\n\n") == 1


def test_derived_title_drops_the_dateline():
    lead = "Chiều 25/9, tại Hà Nội, Thứ trưởng Lương Tam Quang đã tiếp Đại sứ Nhật Bản. Câu sau."
    assert parse_text(lead, "f.txt").display_title == "Thứ trưởng Lương Tam Quang đã tiếp Đại sứ Nhật Bản"
    lead = "(TTXVN) - Ngày 9/12/2024, Bộ trưởng Bộ Công an hội đàm với Bộ trưởng Nội vụ Lào."
    assert parse_text(lead, "g.txt").display_title == "Bộ trưởng Bộ Công an hội đàm với Bộ trưởng Nội vụ Lào"


def test_long_first_sentence_is_cut_at_a_word():
    words = " ".join(["Bộ trưởng Tô Lâm nhấn mạnh quan hệ hợp tác"] * 10)
    title = parse_text(words + ".", "e.txt").display_title
    assert title.endswith("…")
    assert len(title) <= 141
    assert title[:-1].split()[-1] in words.split()


HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>Hội đàm an ninh | Báo Mẫu</title>
<meta property="og:title" content="Bộ Công an hội đàm với Cơ quan Cảnh sát quốc gia Hàn Quốc">
<meta property="article:published_time" content="2019-08-12T10:30:00+07:00">
<meta property="og:url" content="https://cand.com.vn/doi-ngoai/hoi-dam-i123/">
<style>.x{color:red}</style><script>var ads = "quảng cáo độc hại";</script></head>
<body><nav><a href="/">Trang chủ</a><a href="/the-gioi">Thế giới</a></nav>
<div class="banner-ads">Quảng cáo</div>
<article><h1>Bộ Công an hội đàm với Cơ quan Cảnh sát quốc gia Hàn Quốc</h1>
<div class="detail-content">
<p>Ngày 12/8, tại Hà Nội, Thứ trưởng Lương Tam Quang đã hội đàm với đoàn Hàn Quốc.</p>
<!-- a comment that must not show -->
<p>Hai bên trao đổi về <b>phòng, chống</b> tội phạm ma túy và tội phạm công nghệ cao, nhất trí tăng cường hợp tác.</p>
<figure><img src="a.jpg" onerror="alert(1)"><figcaption>Quang cảnh hội đàm. Ảnh: CAND</figcaption></figure>
<p>Hai bên cũng thống nhất trao đổi thông tin thường xuyên về các đối tượng truy nã.</p>
</div></article>
<aside class="related"><a href="/x">Tin liên quan rất dài</a></aside>
<footer>Bản quyền thuộc về báo</footer><script>track()</script></body></html>"""


def test_html_page():
    article = parse_html(HTML.encode("utf-8"), "page.html")
    assert article.title == "Bộ Công an hội đàm với Cơ quan Cảnh sát quốc gia Hàn Quốc"
    assert article.published == "2019-08-12"
    assert article.published_basis == "metadata"
    assert article.url == "https://cand.com.vn/doi-ngoai/hoi-dam-i123/"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("Ngày 12/8, tại Hà Nội")
    assert "phòng, chống tội phạm ma túy" in article.text
    assert "Ảnh: CAND" in article.text
    for junk in ("quảng cáo độc hại", "Trang chủ", "a comment", "Tin liên quan", "Bản quyền", "track()",
                 "color:red", "alert"):
        assert junk not in article.text


def test_html_date_from_visible_text_and_title_fallbacks():
    page = """<html><head><title>Tiêu đề trang - Báo X</title></head><body>
    <div class="date">Thứ Hai, 12/08/2019 10:30</div>
    <div class="content"><p>Đoạn văn đủ dài về cuộc hội đàm giữa hai bộ, nói về hợp tác phòng chống tội phạm
    xuyên quốc gia, trao đổi thông tin, đào tạo cán bộ và nhiều lĩnh vực khác nữa trong thời gian tới.</p></div>
    </body></html>"""
    article = parse_html(page.encode("utf-8"), "p.html")
    assert article.title == "Tiêu đề trang"
    assert article.published == "2019-08-12"
    assert article.text.startswith("Đoạn văn đủ dài")


def test_html_time_element():
    page = """<html><body><h1>Tin</h1><time datetime="2021-03-05T08:00">5/3/2021</time>
    <article><p>Nội dung bài viết.</p></article></body></html>"""
    assert parse_html(page.encode(), "t.html").published == "2021-03-05"


def test_html_lead_outside_the_body_container_and_header_date():
    page = """<html><head><meta property="og:title" content="Hai bộ hội đàm"></head><body>
    <div class="article-header"><span class="datetime">Thứ Năm, 12/10/2023 16:20</span><h1>Hai bộ hội đàm</h1></div>
    <p class="sapo">Ngày 11/10, tại Roma, Thứ trưởng Lê Văn Tuyến đã hội đàm với Thứ trưởng Bộ Nội vụ Italia.</p>
    <div class="detail-content">
      <p>Hai bên nhất trí tăng cường trao đổi thông tin về các đường dây mua bán người và di cư trái phép.</p>
      <div class="article-photo"><img src="a.jpg"><em>Quang cảnh hội đàm. (Ảnh: Thanh Tùng/VOV)</em></div>
      <p>Phía Italia sẵn sàng chia sẻ kinh nghiệm đấu tranh với các tổ chức tội phạm có tổ chức và rửa tiền.</p>
    </div></body></html>"""
    article = parse_html(page.encode(), "lead.html")
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("Ngày 11/10, tại Roma")
    assert "Quang cảnh hội đàm. (Ảnh: Thanh Tùng/VOV)" in paragraphs
    assert article.published == "2023-10-12"


def test_story_inside_a_box_named_like_a_sidebar_is_kept():
    body = "".join(f"<p>Đoạn {i}: Thứ trưởng tiếp đoàn cảnh sát Hàn Quốc, hai bên bàn về phòng chống lừa đảo qua mạng.</p>"
                   for i in range(12))
    page = f"""<html><body><div class="sidebar-1"><h1>Tiêu đề</h1><article class="fck_detail">{body}</article></div>
    <aside class="sidebar-2"><p>Tin mới nhất</p></aside></body></html>"""
    article = parse_html(page.encode(), "s.html")
    assert article.text.count("Đoạn") == 12 and "Tin mới nhất" not in article.text


# --- HTML: general rules for real pages (snippets written for these tests) ---------------------

STORY = "".join(
    f"<p>Đoạn {i}: Thứ trưởng Bộ Công an tiếp đoàn cảnh sát nước bạn, hai bên bàn về phòng chống tội phạm "
    f"mạng, mua bán người và trao đổi thông tin thường xuyên.</p>" for i in range(6))


def _page(body: str, head: str = "") -> bytes:
    return f"""<html><head><meta property="og:title" content="Hai bộ hội đàm về an ninh">{head}</head><body>
    <h1>Hai bộ hội đàm về an ninh</h1>{body}</body></html>""".encode()


def test_html_link_list_inside_the_story_is_dropped():
    related = "".join(f'<li><a href="/tin-{i}.html">Bài khác số {i} về hợp tác an ninh hai nước</a></li>'
                      for i in range(3))
    page = _page(f'<div class="detail-content">{STORY}<div class="box-x"><ul>{related}</ul></div>'
                 f'<p>Đoạn cuối của bài viết nói về kế hoạch hợp tác trong năm tới.</p></div>')
    text = parse_html(page, "r.html").text
    assert "Bài khác số" not in text
    assert "Đoạn 5:" in text and text.endswith("kế hoạch hợp tác trong năm tới.")


def test_html_teaser_card_inside_the_story_is_dropped():
    teaser = ('<div class="inner-box"><a href="/tin-9.html"><img src="t.jpg"></a>'
              '<h4><a href="/tin-9.html">Bộ trưởng tiếp đoàn đại biểu cảnh sát nước bạn</a></h4>'
              '<p>Tóm tắt của một bài khác, không thuộc bài này, dài vừa đủ để không là đường liên kết.</p></div>')
    figure = '<figure><img src="a.jpg"><figcaption>Quang cảnh buổi hội đàm. Ảnh: Bộ Công an</figcaption></figure>'
    page = _page(f'<div class="detail-content">{STORY[:400]}{figure}{STORY[400:]}{teaser}</div>')
    text = parse_html(page, "t.html").text
    assert "Bộ trưởng tiếp đoàn đại biểu" not in text and "Tóm tắt của một bài khác" not in text
    assert "Quang cảnh buổi hội đàm. Ảnh: Bộ Công an" in text


def test_html_more_links_labels_and_their_lists_are_dropped():
    page = _page(f'''<div class="detail-content">{STORY}
    <p>Xem thêm: <a href="/tin-7.html">Hai nước ký biên bản ghi nhớ về hợp tác đào tạo</a></p>
    <p><a href="/chu-de/ha-noi.html">Hà Nội</a> sẽ là nơi tổ chức vòng đàm phán tiếp theo vào tháng sau, theo kế hoạch
    của hai bên, và xem thêm chi tiết sẽ được công bố sau.</p>
    <div><span>Tham khảo thêm</span></div>
    <ul><li><a href="/tin-8.html">Chính sách mới có hiệu lực từ tháng trước</a></li></ul>
    <div><a href="/tin-9.html">Chính sách mới có hiệu lực từ năm ngoái</a></div></div>''')
    text = parse_html(page, "m.html").text
    for gone in ("Xem thêm:", "Hai nước ký biên bản", "Tham khảo thêm", "tháng trước", "năm ngoái"):
        assert gone not in text
    assert "Hà Nội sẽ là nơi tổ chức vòng đàm phán" in text


def test_html_headline_in_a_div_with_a_title_class():
    page = """<html><head><meta property="og:title" content="Xử phạt một công ty vì thao túng giá cổ phiếu - Báo Mẫu">
    <meta property="og:site_name" content="Báo Mẫu"></head><body>
    <div class="title-detail">Xử phạt một công ty vì thao túng giá cổ phiếu</div>
    <div class="content"><p class="title">Xử phạt một cá nhân vì thao túng giá</p>""" + STORY + "</div></body></html>"
    assert parse_html(page.encode(), "h.html").title == "Xử phạt một công ty vì thao túng giá cổ phiếu"


def test_html_visible_headline_wins_over_metadata_wording():
    page = """<html><head><meta property="og:title" content="Những điểm cần biết khi thực hiện quy định thuế mới">
    </head><body><h1 style="display:none">Mobile</h1>
    <h1 class="detail-title">Những điểm cần biết khi thực hiện quy định mới về thuế</h1>""" + STORY + "</body></html>"
    assert parse_html(page.encode(), "h.html").title == "Những điểm cần biết khi thực hiện quy định mới về thuế"
    bare = """<html><head><meta property="og:title" content="Hai bộ hội đàm - Báo Mẫu">
    <meta property="og:site_name" content="Báo Mẫu"></head><body>""" + STORY + "</body></html>"
    assert parse_html(bare.encode(), "b.html").title == "Hai bộ hội đàm"


@pytest.mark.parametrize("head, body, expected", [
    ('<meta property="article:published_time" content="2026-03-07T08:06:00+07:00">', "", "2026-03-07"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "24-03-2019T07:50:00+07:00"}'
     "</script>", "", "2019-03-24"),
    ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", '
     '"datePublished": "31/08/2017&nbsp;&nbsp;08:30 GMT+7"}]}</script>', "", "2017-08-31"),
    ("", '<span class="date">Thứ bảy, 7/3/2026 - 10:05</span>', "2026-03-07"),
    ("", '<div class="post-time">Thứ Bảy, Ngày 07 tháng 03 năm 2026, 08:47</div>', "2026-03-07"),
    ("", '<span class="date">31/02/2026 hoặc 28.02.2026</span>', "2026-02-28"),
])
def test_html_dates_in_the_formats_pages_use(head, body, expected):
    assert parse_html(_page(body + STORY, head), "d.html").published == expected


def test_html_byline_date_wins_over_the_page_header_clock():
    page = f"""<html><body><div class="time-now">Thứ Sáu, 01/09/2017 10:06</div><div class="menu-x">Thời sự</div>
    <h1>Hai bộ hội đàm về an ninh</h1><span class="article-date">31/08/2017 08:30 GMT+7</span>
    <div class="detail-content">{STORY}</div></body></html>"""
    assert parse_html(page.encode(), "c.html").published == "2017-08-31"


def test_html_page_wrapped_in_one_form_is_read():
    page = f"""<html><body><form id="aspnetForm" method="post"><h1>Hai bộ hội đàm về an ninh</h1>
    <span class="Content">{STORY}</span></form><form class="search"><input name="q"> Tìm kiếm</form></body></html>"""
    article = parse_html(page.encode(), "f.html")
    assert article.text.count("Đoạn") == 6 and "Tìm kiếm" not in article.text


def test_html_hidden_boxes_are_dropped():
    page = _page(f"""<div class="detail-content">{STORY}
    <div style="display: none">Đăng ký nhận bản tin mỗi sáng</div><div class="d-none">Đọc tiếp bài viết</div>
    <div class="d-none d-md-block">Ghi chú hiện trên màn hình rộng.</div></div>""")
    text = parse_html(page, "h.html").text
    assert "bản tin" not in text and "Đọc tiếp" not in text
    assert "Ghi chú hiện trên màn hình rộng." in text


def test_html_lead_is_the_one_under_the_headline():
    page = _page(f"""<h2 class="detail-sapo">Chiều 5/3, tại Hà Nội, hai bộ đã hội đàm về hợp tác an ninh.</h2>
    <div class="detail-content">{STORY}</div>
    <div class="box-newsletter"><p class="des">Đăng ký để nhận những tin nổi bật nhất mỗi ngày từ báo.</p></div>
    <p class="box-category-sapo">Tóm tắt của một bài khác trong cùng chuyên mục, không phải lời dẫn.</p>""")
    paragraphs = parse_html(page, "l.html").text.split("\n\n")
    assert paragraphs[0] == "Chiều 5/3, tại Hà Nội, hai bộ đã hội đàm về hợp tác an ninh."
    assert paragraphs[1].startswith("Đoạn 0:") and len(paragraphs) == 7


def test_html_story_of_one_paragraph_boxes_is_read_whole():
    boxes = "".join(f'<div class="para"><p>Đoạn {i}: hai bên nhất trí tăng cường trao đổi thông tin.</p></div>'
                    for i in range(8))
    page = _page(f'<div class="wrap">{boxes}</div><div class="other"><p>Một đoạn ở chỗ khác trên trang.</p></div>')
    text = parse_html(page, "p.html").text
    assert text.count("Đoạn") == 8


def test_html_table_rows_read_as_lines_and_layout_cells_keep_paragraphs():
    table = ("<table><tr><th>Hạng</th><th>Đội</th><th>Điểm</th></tr>"
             "<tr><td>1</td><td>Việt Nam</td><td>7</td></tr></table>")
    page = _page(f'<table><tr><td><div class="x">{STORY}{table}</div></td></tr></table>')
    paragraphs = parse_html(page, "t.html").text.split("\n\n")
    assert "Hạng Đội Điểm" in paragraphs and "1 Việt Nam 7" in paragraphs
    assert sum(p.startswith("Đoạn") for p in paragraphs) == 6
