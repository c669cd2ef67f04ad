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
