import pytest

from chiso.track.owners import owner_slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Bộ Công an", "bo-cong-an"),
        ("Bộ Thông tin và Truyền thông", "bo-thong-tin-va-truyen-thong"),
        ("Ủy ban nhân dân tỉnh Đắk Lắk", "uy-ban-nhan-dan-tinh-dak-lak"),
        ("UBND TP.HCM", "ubnd-tp-hcm"),
        ("Bộ TT&TT", "bo-tt-tt"),
        ("Ngân hàng Nhà nước Việt Nam", "ngan-hang-nha-nuoc-viet-nam"),
        ("Hanoi People's Committee", "hanoi-people-s-committee"),
        ("  State Bank of Vietnam ", "state-bank-of-vietnam"),
        # NFD input folds the same as NFC
        ("Bo\u0323 Co\u0302ng an", "bo-cong-an"),
        ("ĐÀ NẴNG", "da-nang"),
        ("—", ""),
    ],
)
def test_owner_slug(text: str, slug: str) -> None:
    assert owner_slug(text) == slug
