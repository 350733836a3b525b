"""Commitments, table-driven: which sentences are deadlines, with what due dates and trigger."""

from __future__ import annotations

from datetime import date

import pytest

from chiso.extract.commitments import find_deadlines
from chiso.extract.text import normalise, sentences
from chiso.extract.types import Deadline, Lang

PUB = date(2026, 1, 16)


def deadlines(text: str, lang: Lang = "vi", published: date | None = PUB) -> list[Deadline]:
    norm = normalise(text)
    return find_deadlines(norm, sentences(norm), published=published, lang=lang)


# (lang, text, quote must contain, due_start, due_end, precision, trigger)
DEADLINES = [
    (
        "vi",
        "Tập trung thúc đẩy bảo đảm chậm nhất hết quý I-2026 cung cấp dịch vụ công trực tuyến toàn trình.",
        "chậm nhất hết quý I-2026 cung cấp dịch vụ công trực tuyến toàn trình",
        None, "2026-03-31", "quarter", "chậm nhất",
    ),
    (
        "vi",
        "Bộ trưởng thông tin, dự kiến trong tháng 6-2026 sẽ vận hành chính thức Trung tâm dữ liệu quốc gia số 1.",
        "dự kiến trong tháng 6-2026 sẽ vận hành chính thức",
        "2026-06-01", "2026-06-30", "month", "dự kiến",
    ),
    (
        "vi",
        "Triển khai cao độ công tác, bảo đảm năm 2026 giải quyết dứt điểm 6 điểm nghẽn.",
        "bảo đảm năm 2026 giải quyết dứt điểm 6 điểm nghẽn",
        "2026-01-01", "2026-12-31", "year", "bảo đảm",
    ),
    (
        "vi",
        "Sở yêu cầu các xã hoàn thành rà soát dữ liệu hộ nghèo trước ngày 30/6/2026.",
        "yêu cầu các xã hoàn thành rà soát dữ liệu hộ nghèo trước ngày 30/6/2026",
        None, "2026-06-30", "day", "yêu cầu",
    ),
    (
        "vi",
        "Đến năm 2030, phấn đấu 90% người trưởng thành có chữ ký số.",
        "Đến năm 2030, phấn đấu 90% người trưởng thành có chữ ký số",
        None, "2030-12-31", "year", "phấn đấu",
    ),
    (
        "vi",
        "Các trường phải nộp báo cáo trước ngày 1/7.",
        "phải nộp báo cáo trước ngày 1/7",
        None, "2026-07-01", "day", "phải",
    ),
    (
        "vi",
        "Trong quý II/2026, Bộ sẽ khai trương cổng dữ liệu mở.",
        "Trong quý II/2026, Bộ sẽ khai trương cổng dữ liệu mở",
        "2026-04-01", "2026-06-30", "quarter", "sẽ",
    ),
    (
        "vi",
        "Thành phố đặt mục tiêu năm sau phủ sóng 5G toàn bộ khu công nghiệp.",
        "đặt mục tiêu năm sau phủ sóng 5G",
        "2027-01-01", "2027-12-31", "year", "đặt mục tiêu",
    ),
    (
        "vi",
        "Hai mươi lăm tỉnh đã hoàn thành làm sạch dữ liệu, ba bộ còn lại dự kiến xong trong quý I.",
        "dự kiến xong trong quý I",
        "2026-01-01", "2026-03-31", "quarter", "dự kiến",
    ),
    (
        "vi",
        "Bộ Tài chính sẽ áp dụng hóa đơn điện tử cho hộ kinh doanh từ ngày 1/7/2026.",
        "sẽ áp dụng hóa đơn điện tử cho hộ kinh doanh từ ngày 1/7/2026",
        "2026-07-01", "2026-07-01", "day", "sẽ",
    ),
    (
        "vi",
        "Các xã cần hoàn thành việc rà soát biển báo trước Tết Nguyên đán 2026.",
        "cần hoàn thành việc rà soát biển báo trước Tết Nguyên đán 2026",
        None, "2026-02-17", "day", "cần",
    ),
    (
        "en",
        "The ministry plans to launch the new portal by June 2026.",
        "plans to launch the new portal by June 2026",
        None, "2026-06-30", "month", "plans to",
    ),
    (
        "en",
        "By the end of Q1 2026, every province must publish its data catalogue.",
        "By the end of Q1 2026, every province must publish its data catalogue",
        None, "2026-03-31", "quarter", "must",
    ),
    (
        "en",
        "Banks are required to verify biometric data no later than 31 March 2026.",
        "required to verify biometric data no later than 31 March 2026",
        None, "2026-03-31", "day", "no later than",
    ),
    (
        "en",
        "The agency aims to digitise all land records in the first half of 2026.",
        "aims to digitise all land records in the first half of 2026",
        "2026-01-01", "2026-06-30", "half", "aims to",
    ),
    (
        "en",
        "The government will open two more data centres next year.",
        "will open two more data centres next year",
        "2027-01-01", "2027-12-31", "year", "will",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "quote", "due_start", "due_end", "precision", "trigger"), DEADLINES)
def test_deadline(
    lang: Lang, text: str, quote: str, due_start: str | None, due_end: str, precision: str, trigger: str
) -> None:
    found = deadlines(text, lang)
    assert len(found) == 1, found
    d = found[0]
    assert quote in d.quote
    assert d.due_start == (date.fromisoformat(due_start) if due_start else None)
    assert d.due_end == date.fromisoformat(due_end)
    assert d.precision == precision
    assert d.trigger.lower() == trigger.lower()
    assert 0.0 <= d.confidence <= 1.0


NOT_DEADLINES = [
    ("vi", "Ngày 15/1, tại Hà Nội, Học viện phối hợp Bộ Công an tổ chức hội thảo khoa học."),
    (
        "vi",
        "Chiều 16/1, Bộ Công an tổ chức Hội nghị tổng kết hoạt động năm 2025, triển khai nhiệm vụ năm 2026.",
    ),
    ("vi", "Người đứng đầu phải định rõ sản phẩm cụ thể phấn đấu đạt được trong từng tháng."),
    ("vi", "Bộ trưởng yêu cầu các đơn vị thời gian tới tăng dày tiện ích của VNeID."),
    ("vi", "Hội nghị xác định phương hướng phát triển trong năm 2026 và những năm tiếp theo."),
    ("vi", "Quán triệt chỉ đạo, từ năm 2024, toàn lực lượng bắt đầu chuyển đổi trạng thái làm việc."),
    ("vi", "Khi kết thúc hoạt động của Công an cấp huyện từ ngày 1/3, ông tình nguyện về xã."),
    ("vi", "Năm 2024, tỉnh hoàn thành việc cấp chữ ký số cho toàn bộ lãnh đạo cấp xã."),
    ("vi", "Tính đến ngày 15/12/2025, cả nước đã kích hoạt 60 triệu tài khoản."),
    ("vi", "Bộ đã hoàn thành xây dựng hệ thống trước ngày 30/6/2025."),
    ("vi", "Bộ đề xuất ban hành Luật Bảo vệ bí mật nhà nước năm 2025."),
    ("vi", "Bộ triển khai theo Kế hoạch 02 của Ban chỉ đạo 57."),
    ("vi", "Bộ Công an sẽ tạo điều kiện thuận lợi nhất cho các nhà khoa học."),
    ("vi", "Năm nay, ngành thuế hoàn thành 99,2% số hồ sơ khai thuế điện tử."),
    ("en", "By the end of January, roughly 4 million residents had linked their bank accounts."),
    ("en", "On January 15, the ministry held a workshop in Hanoi."),
    ("en", "In 2024, the portal processed more than 9 million applications."),
    ("en", "The system had been launched by June 2025."),
    ("en", "The ministry will keep upgrading the app every month."),
    ("en", "As of December 2025, 60 million accounts were active."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_DEADLINES)
def test_not_a_deadline(lang: Lang, text: str) -> None:
    assert deadlines(text, lang) == []


def test_one_deadline_per_action() -> None:
    text = "Theo lộ trình, quý I/2026 hoàn thành cổng thanh toán, tháng 6/2026 triển khai ví điện tử và cuối năm 2026 hoàn thành kho dữ liệu."
    found = deadlines(text)
    assert [(d.due_start, d.due_end) for d in found] == [
        (date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 6, 1), date(2026, 6, 30)),
        (date(2026, 10, 1), date(2026, 12, 31)),
    ]
    assert [d.text for d in found] == [
        "hoàn thành cổng thanh toán",
        "triển khai ví điện tử",
        "hoàn thành kho dữ liệu",
    ]


def test_several_by_dates_in_one_sentence() -> None:
    text = "Các sở phải nộp kế hoạch trước ngày 1/3/2026, hoàn thành thử nghiệm trước ngày 1/6/2026."
    found = deadlines(text)
    assert [d.due_end for d in found] == [date(2026, 3, 1), date(2026, 6, 1)]
    assert all(d.due_start is None for d in found)


def test_text_is_trimmed_of_trigger_and_date() -> None:
    (d,) = deadlines("Dự kiến trong tháng 6-2026 sẽ vận hành chính thức Trung tâm dữ liệu quốc gia số 1.")
    assert d.text == "vận hành chính thức Trung tâm dữ liệu quốc gia số 1"


def test_relative_date_without_publication_date_is_skipped() -> None:
    assert deadlines("Bộ dự kiến năm sau sẽ mở rộng dịch vụ.", published=None) == []


def test_quote_and_offsets_agree() -> None:
    text = normalise(
        "Tỉnh phấn đấu đến hết năm 2025 có 100% hồ sơ được số hóa. Ngày 2/1, tỉnh tổ chức hội nghị."
    )
    for d in find_deadlines(text, sentences(text), published=PUB, lang="vi"):
        assert text[d.start : d.end] == d.quote


def test_past_due_date_still_binding_with_strong_trigger() -> None:
    (d,) = deadlines("UBND tỉnh yêu cầu các xã hoàn thành số hóa trước ngày 1/1/2026.")
    assert d.due_end == date(2026, 1, 1)
    assert d.confidence < 0.8  # overdue when published: kept, but less sure


# (lang, text, the action's text): "và"/"and" before a verb opens a second action, which the
# date does not cover; "và" between nouns stays inside the one action.
ACTIONS = [
    (
        "vi",
        "Theo kế hoạch, dự kiến trong tháng 9-2026 sẽ khai trương cổng dữ liệu mở và bắt tay chuẩn bị "
        "phương án cho giai đoạn hai.",
        "khai trương cổng dữ liệu mở",
    ),
    (
        "vi",
        "Chậm nhất hết quý III-2026, Sở hoàn thành số hóa hồ sơ đất đai, và triển khai thí điểm ở ba huyện.",
        "Sở hoàn thành số hóa hồ sơ đất đai",
    ),
    (
        "vi",
        "Đến năm 2030, phấn đấu 90% doanh nghiệp nhỏ và vừa dùng hóa đơn điện tử.",
        "90% doanh nghiệp nhỏ và vừa dùng hóa đơn điện tử",
    ),
    (
        "vi",
        "Trong năm 2026 sẽ kết nối hệ thống với các bộ, ngành và địa phương.",
        "kết nối hệ thống với các bộ, ngành và địa phương",
    ),
    (
        "en",
        "By June 2027 the ministry will open the new registry and start training local staff.",
        "open the new registry",
    ),
]


@pytest.mark.parametrize(("lang", "text", "action"), ACTIONS)
def test_action_stops_where_a_second_action_starts(lang: Lang, text: str, action: str) -> None:
    (d,) = deadlines(text, lang)
    assert d.text == action
    assert d.quote == text[d.start : d.end]


# issue 11, item 9: deadlines that were missed; (published, lang, text, quote part, due_start, due_end, trigger)
MISSED_BEFORE = [
    # effective dates opening their sentence, the year from the publication date
    ("2026-08-20", "vi", "Từ ngày 1/9, người dân có thể đổi giấy phép lái xe trên ứng dụng VNeID.",
     "người dân có thể đổi giấy phép lái xe", "2026-09-01", "2026-09-01", "Từ"),
    ("2026-07-20", "vi", "Kể từ 1.8 tới, các cửa hàng xăng dầu phải xuất hóa đơn cho từng lần bán.",
     "xuất hóa đơn", "2026-08-01", "2026-08-01", "phải"),
    ("2026-07-25", "vi", "Cũng từ ngày 1.8, mức phí trước bạ ô tô điện được giảm một nửa.",
     "mức phí trước bạ", "2026-08-01", "2026-08-01", "từ"),
    ("2026-01-16", "vi", "Từ ngày 1/7/2026, việc cấp căn cước được thực hiện tại công an cấp xã.",
     "việc cấp căn cước", "2026-07-01", "2026-07-01", "Từ"),
    ("2026-08-20", "en", "From September 1, drivers can renew their licences online.",
     "drivers can renew", "2026-09-01", "2026-09-01", "From"),
    # a month without its year in a plan: the next one, not last year's
    ("2026-01-16", "vi", "Cũng trong tháng 11, Sở sẽ khai trương trung tâm điều hành đô thị thông minh.",
     "khai trương trung tâm", "2026-11-01", "2026-11-30", "sẽ"),
    ("2026-03-02", "vi", "TRONG QUÝ III/2026, TỈNH SẼ HOÀN THÀNH SỐ HÓA HỒ SƠ ĐẤT ĐAI",
     "HOÀN THÀNH SỐ HÓA", "2026-07-01", "2026-09-30", "SẼ"),
    # a target with a year and no deadline word
    ("2026-01-16", "vi", "Mục tiêu 1,5 triệu hộ dùng cáp quang năm 2026 được giao cho các doanh nghiệp viễn thông.",
     "1,5 triệu hộ", "2026-01-01", "2026-12-31", "Mục tiêu"),
    ("2026-01-16", "en", "The ministry set a target of 2 million fibre connections in 2026.",
     "2 million fibre connections", "2026-01-01", "2026-12-31", "target"),
    ("2026-01-16", "vi", "Tầm nhìn đến năm 2045, Việt Nam trở thành nước phát triển, thu nhập cao.",
     "trở thành nước phát triển", None, "2045-12-31", "Tầm nhìn"),
    ("2026-01-16", "en", "The line will carry 400,000 passengers a day once completed by 2040.",
     "400,000 passengers", None, "2040-12-31", "will"),
    ("2026-01-16", "en", "The new terminal will be finished by June 2027.",
     "will be finished", None, "2027-06-30", "will"),
    ("2026-01-16", "en", "Contractors face a deadline of 15 June 2026 to finish the bridge.",
     "finish the bridge", "2026-06-15", "2026-06-15", "deadline"),
    ("2026-01-16", "en", "This year the city must halve the time it takes to issue building permits.",
     "halve the time", "2026-01-01", "2026-12-31", "must"),
    # colon forms in a plan's list
    ("2026-01-16", "vi", "Trình Thủ tướng: tháng 8/2026.", "Trình Thủ tướng", "2026-08-01", "2026-08-31", ":"),
    ("2026-01-16", "en", "Submit the draft decree to the cabinet: August 2026.",
     "Submit the draft decree", "2026-08-01", "2026-08-31", ":"),
    ("2026-01-16", "vi", "Các xã hoàn thành rà soát chậm nhất ngày 15/4.",
     "hoàn thành rà soát", None, "2026-04-15", "chậm nhất"),
    ("2026-01-16", "vi", "Các đơn vị gửi báo cáo trước ngày 30.11 để Sở tổng hợp.",
     "trước ngày 30.11", None, "2026-11-30", "trước"),
    # a from-to window
    ("2026-04-20", "vi", "Người nộp thuế quyết toán thuế thu nhập cá nhân từ ngày 2/5 đến hết ngày 12/5.",
     "quyết toán thuế", "2026-05-02", "2026-05-12", "đến hết"),
    # vague times get their window, not a made-up day
    ("2026-01-16", "vi", "Đầu tháng 9, tỉnh sẽ khai giảng các lớp học số cho người cao tuổi.",
     "khai giảng", "2026-09-01", "2026-09-10", "sẽ"),
    ("2026-01-16", "en", "The plant is expected to open in early May.",
     "open in early May", "2026-05-01", "2026-05-10", "is expected to"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("published", "lang", "text", "part", "due_start", "due_end", "trigger"), MISSED_BEFORE
)
def test_missed_deadline_families(
    published: str, lang: Lang, text: str, part: str, due_start: str | None, due_end: str, trigger: str
) -> None:
    found = deadlines(text, lang, date.fromisoformat(published))
    assert len(found) == 1, found
    d = found[0]
    assert part in d.quote
    assert (d.due_start, d.due_end) == (
        date.fromisoformat(due_start) if due_start else None,
        date.fromisoformat(due_end),
    )
    assert d.trigger == trigger


# ... and what is not one (published, lang, text)
NOT_DEADLINES_2 = [
    ("2026-01-16", "vi", "Sau ngày 31/3/2025, tỉnh đã hoàn thành sáp nhập các xã."),
    ("2026-01-16", "vi", "Sau ngày 31/3/2025, các xã không còn tổ chức cấp huyện."),
    ("2026-09-10", "vi", "Đến cuối tháng 8, toàn tỉnh đã cấp 300.000 chữ ký số."),
    ("2026-09-10", "vi", "Đến cuối tháng 8, toàn tỉnh cấp 300.000 chữ ký số cho người dân."),
    ("2026-01-16", "vi", "Đến cuối tháng 8, toàn tỉnh cấp 300.000 chữ ký số cho người dân."),
    ("2026-01-16", "vi", "Sở Kế hoạch và Đầu tư trình UBND tỉnh năm 2026 dự thảo danh mục dự án."),
    ("2026-01-16", "vi", "Chiến lược chuyển đổi số giai đoạn 2021-2025 đặt ra 30 chỉ tiêu."),
    ("2026-01-16", "vi", "Quy hoạch tỉnh thời kỳ 2021-2030, tầm nhìn đến năm 2045 xác định ba trụ cột."),
    ("2026-01-16", "vi", "Từ tháng 3 đến tháng 11/2025, tỉnh đã tổ chức 40 đợt tập huấn."),
    ("2026-09-05", "vi", "Từ ngày 1/9, người dân đã có thể đổi giấy phép lái xe trên VNeID."),
    ("2026-01-16", "vi", "Thời gian: 15/4/2026."),
    ("2026-01-16", "vi", "Năm 2025, tỉnh đặt mục tiêu tăng trưởng 8% và đã đạt 8,2%."),
    ("2026-02-24", "vi", "Kế hoạch này được xây dựng trên cơ sở Chỉ thị 06 năm 2024 của Thủ tướng."),
    ("2026-01-16", "vi", "Tỉnh áp dụng mô hình này trong năm 2025."),
    ("2026-01-16", "vi", "Năm 2025, tỉnh hoàn thành 28/30 chỉ tiêu kinh tế - xã hội."),
    ("2026-01-16", "en", "The measures proved effective in 2025."),
    ("2026-01-16", "en", "The bridge, completed by June 2025, carries 30,000 cars a day."),
]


@pytest.mark.parametrize(("published", "lang", "text"), NOT_DEADLINES_2)
def test_not_a_deadline_either(published: str, lang: Lang, text: str) -> None:
    assert deadlines(text, lang, date.fromisoformat(published)) == []


def test_a_strategy_span_is_no_due_date_but_its_target_year_is() -> None:
    found = deadlines("Chiến lược giai đoạn 2021-2025 đặt mục tiêu đến năm 2025 có 80% hồ sơ được số hóa.")
    assert [(d.due_start, d.due_end) for d in found] == [(None, date(2025, 12, 31))]


# the unseen batch's misses (tests/corpus/deadlines/docs/check3_*), one row each
CHECK3_ROWS = [
    ("2026-05-18", "en", "Customs authorities have until June 30 to launch a single electronic window.",
     "launch a single electronic window", None, "2026-06-30", "until"),
    ("2026-05-18", "en", "A new rule requiring origin certificates for steel imports takes effect on July 1.",
     "A new rule", "2026-07-01", "2026-07-01", "takes effect"),
    ("2026-05-18", "en", "Officials expect the trade deal to be signed later this year.",
     "signed later this year", "2026-05-19", "2026-12-31", "expect"),
    ("2026-10-08", "vi", "Dự thảo được lấy ý kiến đến hết ngày 7/11.",
     "lấy ý kiến", None, "2026-11-07", "đến"),
    ("2026-10-08", "vi", "Theo lộ trình, các địa phương hoàn thành cơ sở dữ liệu đất đai quốc gia trong năm 2027.",
     "cơ sở dữ liệu đất đai", "2027-01-01", "2027-12-31", "hoàn thành"),
    ("2026-04-14", "vi", "Kỳ thi tốt nghiệp năm 2026 sẽ diễn ra trong hai ngày 11 và 12/6.",
     "diễn ra", "2026-06-11", "2026-06-12", "sẽ"),
    ("2026-06-02", "vi", "Theo kế hoạch UBND vừa ban hành, từ ngày 1/1/2027, toàn bộ xe buýt mở mới phải chạy điện.",
     "xe buýt mở mới", "2027-01-01", "2027-01-01", "phải"),
    ("2026-06-02", "vi", "Sở Xây dựng được giao xây dựng lộ trình chuyển đổi, trình UBND thành phố trong quý III.",
     "trình UBND", "2026-07-01", "2026-09-30", "được giao"),
    ("2026-06-02", "vi", "Các doanh nghiệp có thời hạn đến hết ngày 30/6 để đăng ký tham gia chương trình.",
     "đăng ký", None, "2026-06-30", "thời hạn"),
    ("2026-06-02", "vi", "Quy định về nhãn năng lượng có hiệu lực từ ngày 1/7/2026.",
     "Quy định về nhãn năng lượng", "2026-07-01", "2026-07-01", "có hiệu lực"),
    ("2026-01-16", "vi", "Nghị định có hiệu lực thi hành từ ngày 1/9/2026.",
     "Nghị định", "2026-09-01", "2026-09-01", "có hiệu lực"),
    ("2026-01-16", "vi", "Mức giá mới áp dụng từ ngày 1/9/2026.",
     "Mức giá mới", "2026-09-01", "2026-09-01", "áp dụng"),
    ("2026-01-16", "en", "The new tariff applies from September 1, 2026.",
     "The new tariff", "2026-09-01", "2026-09-01", "applies"),
    ("2026-01-16", "en", "The rules are effective January 1, 2027.",
     "The rules", "2027-01-01", "2027-01-01", "effective"),
    ("2026-01-16", "vi", "Chỉ tiêu năm 2026 là 1,5 triệu hộ dùng cáp quang.",
     "1,5 triệu hộ", "2026-01-01", "2026-12-31", "Chỉ tiêu"),
    # the second unseen batch (check4_*)
    ("2026-09-15", "vi", "Dự án cao tốc sẽ thông xe toàn tuyến vào dịp 2/9 năm sau.",
     "thông xe", "2027-09-02", "2027-09-02", "sẽ"),
    ("2026-09-15", "vi", "Từ ngày 15/9 đến hết ngày 15/10, Cục Đường bộ tổ chức đợt kiểm tra tải trọng xe.",
     "kiểm tra tải trọng", "2026-09-15", "2026-10-15", "đến hết"),
    ("2026-03-30", "en", "The ministry must submit a draft law on nuclear power to the assembly at its October session.",
     "submit a draft law", "2026-10-01", "2026-10-31", "must"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("published", "lang", "text", "part", "due_start", "due_end", "trigger"), CHECK3_ROWS
)
def test_unseen_batch_misses(
    published: str, lang: Lang, text: str, part: str, due_start: str | None, due_end: str, trigger: str
) -> None:
    found = deadlines(text, lang, date.fromisoformat(published))
    assert len(found) == 1, found
    d = found[0]
    assert part in d.quote
    assert (d.due_start, d.due_end) == (
        date.fromisoformat(due_start) if due_start else None,
        date.fromisoformat(due_end),
    )
    assert d.trigger == trigger
