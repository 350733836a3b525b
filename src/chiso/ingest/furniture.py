"""Page furniture in captured text: "related articles" lists and photo captions.

A page copied as text (or saved by a browser, or printed to PDF) ends with the site's teasers,
"Tin liên quan" and a list of headlines, and carries photo captions ("… Ảnh: Minh Anh"); their
figures belong to other stories or to a picture, and were offered for review as the article's
(issue 12 #10). trafilatura drops them from HTML by the markup; in text only the words say what
they are, so the rules here read the words, line by line.

What is dropped is not stored: the report's text is the text that was read, and every offset
points into it. Nothing is dropped when it would leave no text.
"""

from __future__ import annotations

import re

# A line that is only a heading for a block of teasers (any case, an optional colon).
_TEASER_HEADINGS = (
    # Vietnamese news sites
    "tin liên quan",
    "bài liên quan",
    "bài viết liên quan",
    "tin cùng chuyên mục",
    "tin cùng chủ đề",
    "tin khác",
    "tin mới",
    "tin mới nhất",
    "tin đọc nhiều",
    "đọc nhiều nhất",
    "xem thêm",
    "đọc thêm",
    "có thể bạn quan tâm",
    "bạn có thể quan tâm",
    # English
    "related",
    "related articles",
    "related news",
    "related stories",
    "related posts",
    "read more",
    "read next",
    "see also",
    "also read",
    "more stories",
    "more news",
    "most read",
    "latest news",
    "you may also like",
    "you might also like",
)
_HEADING = re.compile(
    r"^[\s#*•>\-–—]*(?:" + "|".join(re.escape(h) for h in _TEASER_HEADINGS) + r")\s*[:：]?\s*$",
    re.IGNORECASE,
)
# "Xem thêm: <headline>" on one line: the lead-in and its headline are one teaser.
_LEAD_IN = re.compile(
    r"^[\s*•>\-–—]*(?:xem thêm|đọc thêm|tin liên quan|bài liên quan|read more|see also|also read|related)"
    r"\s*[:：>»]\s*\S",
    re.IGNORECASE,
)
# A caption: a line that starts with the photo credit ...
_CREDIT = r"(?:ảnh minh họa|ảnh minh hoạ|ảnh|nguồn ảnh|photo|photograph|image|picture)"
_CAPTION_START = re.compile(r"^\s*[(\[]?\s*" + _CREDIT + r"\s*(?:[:：]|by\b)", re.IGNORECASE)
# ... or ends with it: "Người dân làm thủ tục tại bộ phận một cửa. Ảnh: Minh Anh". The credit
# is a name or an agency, so it starts with a capital ("chụp ảnh: căn cước" is prose).
_CAPTION_END = re.compile(
    r"(?:^|[.!?…\s])[(\[]?\s*" + _CREDIT + r"\s*(?:[:：]|by\b)\s*(?P<credit>[^.!?()\[\]\n]{1,60})[)\]]?\s*$",
    re.IGNORECASE,
)


#: A teaser headline is short; the first longer line after a teaser heading is prose again.
#: (Headlines on Vietnamese and English news sites run 8-20 words; a body paragraph, 30+.)
TEASER_MAX_WORDS = 25
#: A caption is a sentence or two; a paragraph this long that ends with a credit is the article.
CAPTION_MAX_WORDS = 40


def is_caption(line: str) -> bool:
    """Whether a line is a photo caption: it starts or ends with a photo credit."""
    if len(line.split()) > CAPTION_MAX_WORDS:
        return False
    if _CAPTION_START.match(line):
        return True
    end = _CAPTION_END.search(line)
    return end is not None and end.group("credit").strip()[:1].isupper()


def drop_page_furniture(text: str) -> str:
    """``text`` with its teaser blocks, "Xem thêm: …" lines and photo captions blanked: each of
    their characters becomes a space, line breaks stay, so every offset into the text as read is
    still an offset into the text returned (``chiso extract``'s contract: offsets into the
    file's NFC text; cutting the lines moved every later quote, 117 characters on a seed)."""
    lines = text.split("\n")
    out: list[str] = []
    in_teasers = False
    blanked = 0
    for line in lines:
        words = len(line.split())
        furniture = False
        if in_teasers:
            if words <= TEASER_MAX_WORDS:
                furniture = True
            else:
                in_teasers = False
        if not furniture:
            if _HEADING.match(line):
                in_teasers = furniture = True
            elif _LEAD_IN.match(line) or is_caption(line):
                furniture = True
        if furniture and line.strip():
            out.append(" " * len(line))
            blanked += 1
        else:
            out.append(line)
    if not blanked:
        return text
    kept = "\n".join(out)
    return kept if any(ch.isalnum() for ch in kept) else text


__all__ = ["CAPTION_MAX_WORDS", "TEASER_MAX_WORDS", "drop_page_furniture", "is_caption"]
