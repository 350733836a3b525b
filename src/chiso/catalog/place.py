"""The place a figure covers: the whole country, or a province, city, district or commune.

The shipped indicators are Vietnam's national series; a provincial report's "1,25 triệu tài khoản"
is the province's own count and must not land in the national series. Matching reads the subject
from the words around the figure (:func:`place_of`): a sub-national cue in the figure's own clause
("toàn tỉnh Lâm Đồng đã có ...", "... tài khoản của tỉnh", "TP.HCM đạt ...") makes it local; a
national cue there ("cả nước", "toàn quốc", "nationwide") makes it national; otherwise the nearest
cue earlier in the sentence, then in the sentence before, decides; with no cue it is national.
"""

from __future__ import annotations

from typing import Final, Literal

from chiso.catalog.match_text import _NUMBER, Tokens, tokens

Place = Literal["local", "national"]

#: The 34 province-level units since 1 July 2025 (Resolution 202/2025/QH15 of the National
#: Assembly merged the 63 into 28 provinces and 6 centrally-run cities), as reports write them.
PROVINCES_2025: Final[tuple[str, ...]] = (
    # the six centrally-run cities
    "hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế",
    # the 28 provinces
    "tuyên quang", "cao bằng", "lai châu", "lào cai", "thái nguyên", "điện biên", "lạng sơn",
    "sơn la", "phú thọ", "bắc ninh", "quảng ninh", "hưng yên", "ninh bình", "thanh hóa", "nghệ an",
    "hà tĩnh", "quảng trị", "quảng ngãi", "gia lai", "khánh hòa", "lâm đồng", "đắk lắk", "đồng nai",
    "tây ninh", "vĩnh long", "đồng tháp", "cà mau", "an giang",
)  # fmt: skip

#: The 29 provinces merged away in 2025 (Bà Rịa - Vũng Tàu as its two parts), and Thừa Thiên Huế
#: (Huế's name until it became a centrally-run city): reports from before the merger, and many
#: after it about their own past, still name them, and each is still a sub-national place.
PROVINCES_BEFORE_2025: Final[tuple[str, ...]] = (
    "hà giang", "bắc kạn", "yên bái", "vĩnh phúc", "hòa bình", "bắc giang", "hải dương", "thái bình",
    "hà nam", "nam định", "quảng bình", "quảng nam", "kon tum", "bình định", "phú yên", "ninh thuận",
    "đắk nông", "bình thuận", "bình phước", "bình dương", "bà rịa", "vũng tàu", "long an",
    "tiền giang", "bến tre", "trà vinh", "sóc trăng", "hậu giang", "bạc liêu", "kiên giang",
    "thừa thiên huế",
)  # fmt: skip

#: Abbreviations and spellings without diacritics found in Vietnamese and English reports.
PROVINCE_ABBREVIATIONS: Final[tuple[str, ...]] = (
    "tp.hcm", "tphcm", "hcm", "hcmc", "sài gòn", "saigon", "hanoi", "ha noi", "ho chi minh city",
    "da nang", "danang", "hai phong", "haiphong", "can tho", "lam dong", "dak lak", "daklak",
    "đắc lắc", "khanh hoa", "quang ninh", "binh duong", "dong nai", "thanh hoa", "nghe an",
)  # fmt: skip

#: Words that name a sub-national unit when they stand for one place ("tỉnh Lâm Đồng", "toàn tỉnh",
#: "của tỉnh"), not when counted or levelled ("các tỉnh", "34 tỉnh", "cấp tỉnh", "tỉnh, thành").
_UNIT_WORDS: Final[tuple[str, ...]] = (
    "tỉnh", "thành phố", "tp", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường", "đặc khu",
    "province", "provincial", "district", "commune", "city of", "municipality",
)  # fmt: skip
#: before a unit word: it is counted, a level of government, every one of them, or the second of
#: a pair that names them all ("34 tỉnh, thành phố", "tỉnh/thành phố")
_NOT_ONE_PLACE_BEFORE: Final = frozenset(
    {"các", "những", "nhiều", "mọi", "cấp", "cả", "từng", "mỗi", "tỉnh", "/", "all", "every", "each", "many",
     "several"}
)  # fmt: skip
#: after a unit word: not a place ("xã hội" is society, "tỉnh, thành" is all provinces and cities)
_NOT_ONE_PLACE_AFTER: Final = frozenset({"hội", "thành", "level", "levels", "trực"})

#: national subjects: the country as a whole. Not "quốc gia", "national" or "Việt Nam": they name
#: systems and bodies ("Cổng Dịch vụ công quốc gia", "Bảo hiểm xã hội Việt Nam") that a province's
#: sentence mentions too, and must not outweigh the province it names.
_NATIONAL: Final[tuple[str, ...]] = (
    "cả nước", "toàn quốc", "trên toàn quốc", "các tỉnh", "các địa phương", "nationwide", "the country",
    "all provinces", "across the country",
)  # fmt: skip

#: names that are also everyday words ("cao bằng năm trước" is "as high as last year", "hòa bình" is
#: peace, "Thái Bình Dương" the Pacific, "tư tưởng Hồ Chí Minh" the President's thought): a place only
#: right after "tỉnh", "thành phố", "TP" or "province"
AMBIGUOUS_NAMES: Final[frozenset[str]] = frozenset(
    {"hồ chí minh", "cao bằng", "hòa bình", "thái bình", "bình dương", "bình định"}
)
_NAMED_BY: Final = frozenset({"tỉnh", "phố", "tp", "province"})
_AMBIGUOUS: Final = frozenset(tokens(n) for n in AMBIGUOUS_NAMES)
_NAMES: Final[tuple[Tokens, ...]] = tuple(
    tokens(n) for n in (*PROVINCES_2025, *PROVINCES_BEFORE_2025, *PROVINCE_ABBREVIATIONS)
)
_UNITS: Final[tuple[Tokens, ...]] = tuple(tokens(u) for u in _UNIT_WORDS)
_NATIONAL_TOKENS: Final[tuple[Tokens, ...]] = tuple(tokens(n) for n in _NATIONAL)


def _at(ts: Tokens, i: int, phrase: Tokens) -> bool:
    return ts[i : i + len(phrase)] == phrase


#: a central body in a sentence makes "tại Hà Nội" in it the venue of its meeting, not a subject
_CENTRAL_BODIES: Final[tuple[Tokens, ...]] = tuple(
    tokens(b)
    for b in (
        "bộ công an", "chính phủ", "thủ tướng", "quốc hội", "trung ương", "ban chỉ đạo", "bộ trưởng",
        "ministry", "government", "prime minister", "national assembly",
    )
)  # fmt: skip
_VENUE_BEFORE: Final = frozenset({"tại", "ở", "in", "at"})


def _venue(ts: Tokens, i: int) -> bool:
    """The name at ``i`` is where a central body met ("Sáng 16/1, tại Hà Nội, Bộ Công an tổ chức
    hội nghị"): read only in the sentences around the figure's, never in its own."""
    return (
        i > 0
        and ts[i - 1] in _VENUE_BEFORE
        and any(_at(ts, j, b) for b in _CENTRAL_BODIES for j in range(len(ts)))
    )


def _cues(ts: Tokens, *, venues: bool = False) -> list[tuple[int, Place, str]]:
    """Every place cue in ``ts``: (index, place, the words seen); ``venues`` leaves out a name that is
    only where a central body met."""
    out: list[tuple[int, Place, str]] = []
    for i in range(len(ts)):
        for name in _NAMES:
            if (
                _at(ts, i, name)
                and (name not in _AMBIGUOUS or (i > 0 and ts[i - 1] in _NAMED_BY))
                and not (venues and _venue(ts, i))
            ):
                out.append((i, "local", " ".join(name)))
        for unit in _UNITS:
            if not _at(ts, i, unit):
                continue
            before = ts[i - 1] if i > 0 else ""
            after = ts[i + len(unit)] if i + len(unit) < len(ts) else ""
            if before in _NOT_ONE_PLACE_BEFORE or _NUMBER.match(before) or after in _NOT_ONE_PLACE_AFTER:
                continue
            seen = ("toàn " if before == "toàn" else "") + " ".join(unit)
            out.append((i, "local", seen))
        for nat in _NATIONAL_TOKENS:
            if _at(ts, i, nat):
                out.append((i, "national", " ".join(nat)))
    return out


def place_of(clause: Tokens, before: Tokens, previous: Tokens) -> tuple[Place, str] | None:
    """Where a figure's subject is: ``clause`` is the figure's own clause (the words before it,
    its quote and counted phrase), ``before`` the rest of its sentence to the left, ``previous``
    the sentence before (or a headline), where a central body's venue is no subject. Returns (place, the words that said so), or None with no cue at all."""
    found = _cues(clause)
    local = [c for c in found if c[1] == "local"]
    if local:
        return "local", local[-1][2]
    if found:
        return "national", found[-1][2]
    for stretch, venues in ((before, False), (previous, True)):
        cues = _cues(stretch, venues=venues)
        if cues:
            _, place, seen = max(cues, key=lambda c: c[0])
            return place, seen
    return None


__all__ = [
    "AMBIGUOUS_NAMES",
    "PROVINCES_2025",
    "PROVINCES_BEFORE_2025",
    "PROVINCE_ABBREVIATIONS",
    "Place",
    "place_of",
]
