import pytest

from chiso.catalog.owners import (
    find_owners,
    owner_named,
    parse_owners,
    sentence_around,
    shipped_owners,
    suggest_owner,
)
from chiso.errors import InputError

V = shipped_owners()


@pytest.mark.parametrize(
    ("text", "owner", "words"),
    [
        # Vietnamese names, with diacritics, any case
        ("Bộ Công an chủ trì triển khai cấp căn cước điện tử", "Bộ Công an", "Bộ Công an"),
        ("BỘ CÔNG AN sẽ hoàn thành", "Bộ Công an", "BỘ CÔNG AN"),
        ("Theo Bộ Thông tin và Truyền thông, đến hết năm", "Bộ Thông tin và Truyền thông",
         "Bộ Thông tin và Truyền thông"),
        ("Ngân hàng Nhà nước Việt Nam yêu cầu các ngân hàng", "Ngân hàng Nhà nước Việt Nam",
         "Ngân hàng Nhà nước Việt Nam"),
        # the longest form wins
        ("UBND tỉnh Lâm Đồng đặt mục tiêu", "UBND tỉnh Lâm Đồng", "UBND tỉnh Lâm Đồng"),
        ("Ủy ban nhân dân thành phố Hà Nội giao", "UBND TP Hà Nội", "Ủy ban nhân dân thành phố Hà Nội"),
        ("Uỷ ban nhân dân tỉnh Thanh Hoá cam kết", "UBND tỉnh Thanh Hóa", "Uỷ ban nhân dân tỉnh Thanh Hoá"),
        ("tỉnh Lâm Đồng phấn đấu", "UBND tỉnh Lâm Đồng", "tỉnh Lâm Đồng"),
        ("Lâm Đồng phấn đấu", "UBND tỉnh Lâm Đồng", "Lâm Đồng"),
        # abbreviations
        ("BCA cho biết", "Bộ Công an", "BCA"),
        ("Bộ TT&TT hướng dẫn", "Bộ Thông tin và Truyền thông", "Bộ TT&TT"),
        ("Bộ KH&CN sẽ ban hành", "Bộ Khoa học và Công nghệ", "Bộ KH&CN"),
        ("NHNN chỉ đạo", "Ngân hàng Nhà nước Việt Nam", "NHNN"),
        ("UBND TP.HCM ban hành kế hoạch", "UBND TP.HCM", "UBND TP.HCM"),
        ("TP.HCM phấn đấu", "UBND TP.HCM", "TP.HCM"),
        ("Bộ GD&ĐT yêu cầu", "Bộ Giáo dục và Đào tạo", "Bộ GD&ĐT"),
        # English
        ("The Ministry of Public Security will finish", "Bộ Công an", "Ministry of Public Security"),
        ("the State Bank of Vietnam said", "Ngân hàng Nhà nước Việt Nam", "State Bank of Vietnam"),
        ("Hanoi People's Committee plans", "UBND TP Hà Nội", "Hanoi People's Committee"),
        ("Hanoi People’s Committee plans", "UBND TP Hà Nội", "Hanoi People's Committee"),
        ("the Ministry of Science and Technology", "Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"),
        # provinces merged away in 2025 name the province they joined
        ("UBND tỉnh Bình Dương giao", "UBND TP.HCM", "UBND tỉnh Bình Dương"),
        ("tỉnh Quảng Nam sẽ", "UBND TP Đà Nẵng", "tỉnh Quảng Nam"),
        ("Thừa Thiên Huế đặt mục tiêu", "UBND TP Huế", "Thừa Thiên Huế"),
    ],
)  # fmt: skip
def test_first_owner(text: str, owner: str, words: str) -> None:
    found = find_owners(text, V)
    assert found, text
    assert (found[0].owner.name, found[0].text) == (owner, words)
    assert text.replace("’", "'")[found[0].start : found[0].end] == words


@pytest.mark.parametrize(
    "text",
    [
        "Bo Cong an chu tri",  # diacritics count
        "bca và mic",  # an abbreviation only in capitals
        "màu hue đẹp",  # a bare English place only capitalised
        "kinh tế Thái Bình Dương",  # the Pacific, not Bình Dương
        "tư tưởng Hồ Chí Minh",  # the President's thought, not the city
        "các bộ, ngành",
    ],
)
def test_no_owner(text: str) -> None:
    assert find_owners(text, V) == []


def test_every_match_and_no_overlap() -> None:
    found = find_owners("Bộ Công an phối hợp Bộ Y tế và UBND tỉnh Lâm Đồng", V)
    assert [m.owner.name for m in found] == ["Bộ Công an", "Bộ Y tế", "UBND tỉnh Lâm Đồng"]


def test_merged_ministry_keeps_its_entry() -> None:
    mic = V.by_name()["Bộ Thông tin và Truyền thông"]
    assert mic.merged_into == "Bộ Khoa học và Công nghệ"
    assert mic.note
    assert owner_named("MIC", V) is mic


def test_thirty_four_provinces_and_cities() -> None:
    assert sum(o.kind in ("province", "city") for o in V.owners) == 34
    assert sum(o.kind == "city" for o in V.owners) == 6


@pytest.mark.parametrize(
    ("text", "owner"),
    [("BCA", "Bộ Công an"), ("Ministry of Public Security", "Bộ Công an"), (" bộ  công an ", "Bộ Công an"),
     ("Bộ Công an tỉnh", None), ("Ban Chỉ đạo 06", None)],
)  # fmt: skip
def test_owner_named(text: str, owner: str | None) -> None:
    got = owner_named(text, V)
    assert (got.name if got else None) == owner


@pytest.mark.parametrize(
    ("kwargs", "owner", "source"),
    [
        ({"sentence": "Bộ Y tế phấn đấu đến năm 2026 hoàn thành"}, "Bộ Y tế", "sentence"),
        # the Government tasks, the ministry promises
        ({"sentence": "Thủ tướng giao Bộ Công an chủ trì hoàn thành trước 30/6"}, "Bộ Công an", "sentence"),
        ({"sentence": "Chính phủ phấn đấu đến năm 2030"}, "Chính phủ", "sentence"),
        ({"sentence": "Phấn đấu đến năm 2026", "title": "Bộ Tài chính họp báo"}, "Bộ Tài chính", "title"),
        ({"sentence": "Phấn đấu đến năm 2026", "title": "Họp báo", "publisher": "Bộ Tư pháp"}, "Bộ Tư pháp",
         "publisher"),
        ({"sentence": "Phấn đấu đến năm 2026", "text": "Bộ Y tế ... NHNN ... NHNN ..."},
         "Ngân hàng Nhà nước Việt Nam", "report"),
    ],
)  # fmt: skip
def test_suggest_owner(kwargs: dict[str, str], owner: str, source: str) -> None:
    got = suggest_owner(V, **kwargs)
    assert got is not None
    assert (got.owner.name, got.source) == (owner, source)


def test_suggest_nothing() -> None:
    assert suggest_owner(V, sentence="Phấn đấu hoàn thành trong năm", title="Tin tức") is None


def test_sentence_around() -> None:
    text = "Câu đầu. Bộ Y tế sẽ hoàn thành trước 30/6. Câu sau."
    start = text.index("hoàn thành")
    assert sentence_around(text, start, start + 10) == "Bộ Y tế sẽ hoàn thành trước 30/6."


@pytest.mark.parametrize(
    ("yaml_text", "code"),
    [
        ("owners: 3", "owners_not_list"),
        ("owners: [{name: A, name_en: B, kind: planet}]", "owner_entry_invalid"),
        ("owners: [{name: A, name_en: B, kind: ministry, merged_into: Z}]", "owner_entry_invalid"),
        ("owners: [{name: A, name_en: B, kind: ministry, aliases: [X]}, {name: C, name_en: D, kind: ministry,"
         " aliases: [X]}]", "owner_form_twice"),
    ],
)  # fmt: skip
def test_bad_vocabulary(yaml_text: str, code: str) -> None:
    with pytest.raises(InputError) as info:
        parse_owners(yaml_text, "x.yaml")
    assert info.value.code == code
