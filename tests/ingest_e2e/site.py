"""Pages written for the end-to-end tests: one invented story told by three invented sites, each
with its own navigation, related-article list, image captions and advertising, plus an unrelated
story and an RSS feed. Every sentence is ours; none comes from the shared seeds."""

from __future__ import annotations

import html
from datetime import date

TITLE = "Cổng dịch vụ công tỉnh Lâm Giang nhận hơn 1,2 triệu hồ sơ trực tuyến"
PUBLISHED = date(2025, 11, 6)

PARAGRAPHS = [
    "Chiều 5/11, Văn phòng UBND tỉnh Lâm Giang tổ chức hội nghị sơ kết việc đưa thủ tục hành chính "
    "lên môi trường mạng, với sự tham dự của lãnh đạo các sở, ngành và đại diện nhiều huyện miền núi.",
    "Báo cáo tại hội nghị cho biết, tính đến ngày 31/10/2025, cổng dịch vụ công của tỉnh đã tiếp nhận "
    "hơn 1,2 triệu hồ sơ trực tuyến, trong đó gần 86% được giải quyết trước hoặc đúng hạn. "
    "Số thủ tục cho phép nộp và trả kết quả hoàn toàn qua mạng đã lên tới 1.047 thủ tục.",
    "Theo Sở Khoa học và Công nghệ, việc ký số kết quả giải quyết giúp người dân ở vùng cao bớt được "
    "nhiều chuyến đi lại; riêng lĩnh vực hộ tịch, có 45 xã đã trả giấy khai sinh điện tử cho người dân.",
    "Tỉnh đặt mục tiêu chậm nhất hết quý II năm 2026 số hóa toàn bộ kết quả giải quyết thủ tục hành chính "
    "còn hiệu lực, đồng thời kết nối kho dữ liệu của tỉnh với cơ sở dữ liệu quốc gia về dân cư.",
    "Một số đại biểu đề nghị tăng cường tập huấn cho cán bộ một cửa cấp xã và bố trí thêm máy tính "
    "tại điểm hỗ trợ, để người cao tuổi không phải nhờ người quen nộp hồ sơ hộ.",
]

OTHER_TITLE = "Huyện Đông Sơn khánh thành trường bán trú cho học sinh vùng cao"
OTHER_PARAGRAPHS = [
    "Sáng 2/11, huyện Đông Sơn đưa vào sử dụng khu nhà bán trú mới gồm 24 phòng ở và một bếp ăn "
    "tập thể, phục vụ khoảng 380 học sinh người dân tộc thiểu số ở các bản xa trung tâm.",
    "Công trình có tổng vốn đầu tư gần 18 tỷ đồng từ ngân sách tỉnh và nguồn xã hội hóa, được thi công "
    "trong mười tháng. Nhà trường cho biết từ nay các em không phải đi bộ hàng giờ mỗi sáng.",
    "Dịp này, một doanh nghiệp trên địa bàn trao tặng 200 bộ chăn màn và áo ấm cho học sinh trước mùa đông.",
]

# Phrases that only the chrome holds: none may reach a stored report's text.
CHROME = [
    "Đăng nhập",
    "Bài đọc nhiều",
    "Khuyến mãi máy lọc nước",
    "Tin cùng chuyên mục",
    "Ảnh: Hội nghị sơ kết tại hội trường tỉnh",
    "Mọi hình thức sao chép",
]


def _paras(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def daily(paragraphs: list[str] = PARAGRAPHS, title: str = TITLE) -> bytes:
    """A national daily: Open Graph and article metadata, a heavy menu, ads and a related list."""
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{html.escape(title)} - Nhật báo Sông Hồng</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="Nhật báo Sông Hồng">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{PUBLISHED.isoformat()}T16:40:00+07:00">
<meta name="author" content="Thu Hà">
</head><body>
<header><nav><ul><li><a href="/">Trang nhất</a></li><li><a href="/chinh-tri">Chính trị</a></li>
<li><a href="/xa-hoi">Xã hội</a></li><li><a href="/dang-nhap">Đăng nhập</a></li></ul></nav></header>
<div class="banner-ad"><a href="/ad/1">Khuyến mãi máy lọc nước giảm 40% trong tuần này</a></div>
<main><article>
<h1>{html.escape(title)}</h1>
<p class="byline">Thu Hà · <time datetime="{PUBLISHED.isoformat()}">06/11/2025</time></p>
{_paras(paragraphs[:2])}
<figure><img src="/img/hoi-nghi.jpg" alt=""><figcaption>Ảnh: Hội nghị sơ kết tại hội trường tỉnh</figcaption></figure>
{_paras(paragraphs[2:])}
</article>
<aside class="related"><h3>Tin cùng chuyên mục</h3><ul>
<li><a href="/r/1">Giá rau xanh tăng nhẹ sau đợt mưa lớn kéo dài ở đồng bằng</a></li>
<li><a href="/r/2">Khởi công tuyến đường ven biển nối hai cảng cá lớn</a></li></ul></aside>
<aside class="top"><h3>Bài đọc nhiều</h3><ol><li><a href="/t/1">Mẹo giữ ấm cơ thể khi trời trở lạnh</a></li></ol></aside>
</main>
<footer><p>Mọi hình thức sao chép phải được sự đồng ý của Nhật báo Sông Hồng.</p></footer>
</body></html>""".encode()


def provincial(paragraphs: list[str] = PARAGRAPHS, title: str = TITLE) -> bytes:
    """A provincial paper: sidebar before the article, a lead-in and a source line of its own."""
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{html.escape(title)}</title>
<meta name="pubdate" content="{PUBLISHED.isoformat()}">
<meta property="og:site_name" content="Báo Lâm Giang điện tử"></head>
<body>
<div id="menu"><a href="/">Trang chủ</a> | <a href="/thoi-su">Thời sự</a> | <a href="/dang-nhap">Đăng nhập</a></div>
<div id="left">
  <div class="qc"><a href="/qc">Khuyến mãi máy lọc nước cho gia đình</a></div>
  <div class="hot"><p>Bài đọc nhiều</p><a href="/h1">Lịch cắt điện cuối tuần tại thành phố</a></div>
</div>
<div id="main"><div class="article">
<h1>{html.escape(title)}</h1>
<p class="sapo"><b>(Báo Lâm Giang) - Hội nghị sơ kết chuyển đổi số trong cải cách hành chính.</b></p>
{_paras(paragraphs)}
<table class="photo"><tr><td><img src="/a.jpg"></td></tr>
<tr><td class="caption">Ảnh: Hội nghị sơ kết tại hội trường tỉnh</td></tr></table>
<p class="tac-gia">Minh Quân</p>
</div>
<div class="lien-quan"><p>Tin cùng chuyên mục</p><ul><li><a href="/l1">Tỉnh tổ chức giải chạy vì người nghèo</a></li></ul></div>
</div>
<div id="footer">Mọi hình thức sao chép phải ghi rõ nguồn Báo Lâm Giang điện tử.</div>
</body></html>""".encode()


def portal(paragraphs: list[str] = PARAGRAPHS, title: str = TITLE) -> bytes:
    """A government portal: breadcrumb, share bar, attachments list, dates in the page text only."""
    return f"""<!doctype html>
<html lang="vi-VN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta property="og:site_name" content="Cổng thông tin điện tử tỉnh Lâm Giang">
<meta property="article:published_time" content="{PUBLISHED.isoformat()}">
</head><body>
<div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/tin">Tin tức</a> › Cải cách hành chính</div>
<div class="share"><a href="#">Chia sẻ</a> <a href="#">In trang</a> <a href="/dang-nhap">Đăng nhập</a></div>
<section class="content">
<h2>{html.escape(title)}</h2>
<p class="date">Cập nhật: 06/11/2025</p>
{_paras(paragraphs)}
<div class="caption"><img src="/p.png"><em>Ảnh: Hội nghị sơ kết tại hội trường tỉnh</em></div>
</section>
<section class="other"><h4>Tin cùng chuyên mục</h4><ul><li><a href="/o1">Thông báo lịch tiếp công dân tháng 11</a></li></ul></section>
<div class="ad"><a href="/qc">Khuyến mãi máy lọc nước chính hãng</a></div>
<footer>Mọi hình thức sao chép nội dung phải trích dẫn nguồn cổng thông tin.</footer>
</body></html>""".encode()


SITES = {
    "Nhật báo Sông Hồng": daily,
    "Báo Lâm Giang điện tử": provincial,
    "Cổng thông tin điện tử tỉnh Lâm Giang": portal,
}


def rss(base: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (guid, path, title) items on the site at ``base``."""
    entries = "\n".join(
        f"<item><title>{html.escape(title)}</title><link>{base}{path}</link>"
        f'<guid isPermaLink="false">{guid}</guid><pubDate>Thu, 06 Nov 2025 08:00:00 +0700</pubDate></item>'
        for guid, path, title in items
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Báo Lâm Giang điện tử - Thời sự</title><link>{base}/</link>
<description>Tin mới</description>
{entries}
</channel></rss>""".encode()
