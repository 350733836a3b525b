"""HTML pages written for the tests: one story on three invented news sites, each with its own chrome.

Every site wraps the article in navigation, a related-article list, image captions and
ads; tests assert the story survives extraction and none of the chrome does.
"""

from __future__ import annotations

import html

from tests.ingest.stories import STORY_PARAGRAPHS, STORY_TITLE

# Phrases that appear only in the chrome; none may reach the extracted text.
CHROME = [
    "Trang chủ",
    "Thời sự",
    "Đăng ký nhận bản tin",
    "Quảng cáo",
    "Giảm giá 50% điện thoại",
    "Tin liên quan",
    "Giá vàng hôm nay tăng mạnh",
    "Ảnh minh họa: cán bộ hướng dẫn người dân cài ứng dụng",
    "Bản quyền thuộc về",
    "Xem nhiều nhất",
    "Vay tiêu dùng lãi suất",
]


def _paras(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def site_one(paragraphs: list[str] = STORY_PARAGRAPHS, title: str = STORY_TITLE) -> str:
    """A big portal: full metadata (Open Graph, article:published_time, JSON-LD), heavy chrome."""
    body = _paras(paragraphs[:2])
    figure = (
        '<figure class="image"><img src="/img/vneid.jpg" alt="">'
        "<figcaption>Ảnh minh họa: cán bộ hướng dẫn người dân cài ứng dụng</figcaption></figure>"
    )
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} | Báo Tin Mới</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="Báo Tin Mới">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2025-11-03T09:15:00+07:00">
<meta name="author" content="Minh Anh">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "{title}",
  "datePublished": "2025-11-03T09:15:00+07:00", "author": {{"@type": "Person", "name": "Minh Anh"}},
  "publisher": {{"@type": "Organization", "name": "Báo Tin Mới"}}}}
</script>
</head>
<body>
<header class="site-header">
  <nav class="menu"><ul>
    <li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li>
    <li><a href="/kinh-te">Kinh tế</a></li><li><a href="/cong-nghe">Công nghệ</a></li>
  </ul></nav>
  <div class="newsletter"><a href="/dang-ky">Đăng ký nhận bản tin</a></div>
</header>
<div class="ads banner"><span>Quảng cáo</span><a href="/ad">Giảm giá 50% điện thoại cho khách hàng mới</a></div>
<main>
<article class="article-detail">
  <h1 class="title">{html.escape(title)}</h1>
  <div class="meta"><span class="author">Minh Anh</span> <time datetime="2025-11-03">03/11/2025 09:15</time></div>
  <div class="article-body">
  {body}
  {figure}
  {_paras(paragraphs[2:])}
  </div>
</article>
<aside class="related">
  <h3>Tin liên quan</h3>
  <ul>
    <li><a href="/a1">Giá vàng hôm nay tăng mạnh sau phiên giao dịch cuối tuần</a></li>
    <li><a href="/a2">Hà Nội thí điểm xe buýt điện trên năm tuyến mới trong nội thành</a></li>
    <li><a href="/a3">Thời tiết cuối tuần: miền Bắc đón đợt không khí lạnh đầu mùa</a></li>
  </ul>
</aside>
<aside class="most-read"><h3>Xem nhiều nhất</h3><ol><li><a href="/b1">Vay tiêu dùng lãi suất thấp dịp cuối năm</a></li></ol></aside>
</main>
<footer><p>Bản quyền thuộc về Báo Tin Mới. Giấy phép số 00/GP-BTTTT.</p>
<nav><a href="/lien-he">Liên hệ</a> · <a href="/quang-cao">Quảng cáo</a></nav></footer>
</body></html>"""


def site_two(paragraphs: list[str] = STORY_PARAGRAPHS, title: str = STORY_TITLE) -> str:
    """A provincial paper: table-free but div-soup layout, sidebar first, fewer meta tags."""
    return f"""<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{html.escape(title)}</title>
<meta name="pubdate" content="2025-11-03">
<meta property="og:site_name" content="Tin tỉnh nhà"></head>
<body>
<div id="top"><a href="/">Trang chủ</a> | <a href="/xa-hoi">Xã hội</a> | <a href="/phap-luat">Pháp luật</a> | <a href="/the-thao">Thể thao</a></div>
<div id="sidebar">
  <div class="box-ads"><p>Quảng cáo</p><p><a href="/x">Vay tiêu dùng lãi suất 0% trong ba tháng đầu</a></p></div>
  <div class="box-hot"><p class="box-title">Xem nhiều nhất</p>
  <a href="/c1">Giá vàng hôm nay tăng mạnh, vượt mốc kỷ lục</a><br>
  <a href="/c2">Khai mạc hội chợ nông sản lớn nhất năm của tỉnh</a></div>
</div>
<div id="content">
  <div class="detail">
  <h1>{html.escape(title)}</h1>
  <div class="sapo"><b>(Tin tổng hợp) - Số tài khoản định danh điện tử tiếp tục tăng mạnh.</b></div>
  {_paras(paragraphs)}
  <table class="image-box"><tr><td><img src="/anh.jpg"></td></tr>
  <tr><td class="caption">Ảnh minh họa: cán bộ hướng dẫn người dân cài ứng dụng</td></tr></table>
  <p class="source">Theo Thông tấn xã địa phương</p>
  </div>
  <div class="tin-khac"><p>Tin liên quan</p><ul>
  <li><a href="/d1">Giá vàng hôm nay tăng mạnh trở lại</a></li>
  <li><a href="/d2">Tỉnh khánh thành cây cầu nối hai huyện ven sông</a></li></ul></div>
</div>
<div id="footer">Bản quyền thuộc về Tin tỉnh nhà. Đăng ký nhận bản tin qua email.</div>
</body></html>"""


def site_three(paragraphs: list[str] = STORY_PARAGRAPHS, title: str = STORY_TITLE) -> str:
    """A ministry portal: breadcrumb, sharing bar, attachments; dates only in the page text."""
    return f"""<!doctype html>
<html lang="vi-VN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta name="description" content="Kết quả triển khai ứng dụng định danh điện tử mười tháng đầu năm">
<meta property="article:published_time" content="2025-11-04">
</head>
<body>
<div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/tin-tuc">Thời sự</a> › Tin hoạt động</div>
<div class="share-bar"><a href="#">Chia sẻ Facebook</a> <a href="#">In bài</a></div>
<section class="news-content">
<h2 class="news-title">{html.escape(title)}</h2>
<p class="date">Ngày đăng: 04/11/2025</p>
{_paras(paragraphs)}
<div class="img-caption"><img src="/p.png"><em>Ảnh minh họa: cán bộ hướng dẫn người dân cài ứng dụng</em></div>
</section>
<div class="qc"><p>Quảng cáo</p><a href="/qc">Giảm giá 50% điện thoại thông minh</a></div>
<section class="other-news"><h4>Tin liên quan</h4>
<ul><li><a href="/e1">Giá vàng hôm nay tăng mạnh theo thế giới</a></li>
<li><a href="/e2">Hội nghị tập huấn nghiệp vụ văn thư lưu trữ năm nay</a></li></ul></section>
<footer>Bản quyền thuộc về Cổng thông tin điện tử. Xem nhiều nhất · Liên hệ</footer>
</body></html>"""
