"""Short news stories written for these tests (invented wording, plausible figures).

STORY is one story; SYNDICATED and EDITED are the copies other outlets would run;
OTHERS are different stories on the same topic, sharing much of the vocabulary.
"""

from __future__ import annotations

STORY_TITLE = "Hơn 62 triệu tài khoản định danh điện tử đã được kích hoạt"

STORY_PARAGRAPHS = [
    "Sáng 3/11, tại Hà Nội, Cục Cảnh sát quản lý hành chính về trật tự xã hội (Bộ Công an) "
    "tổ chức họp báo thông tin về kết quả triển khai ứng dụng định danh điện tử trong mười tháng đầu năm.",
    "Theo báo cáo của đơn vị, tính đến hết tháng 10, cả nước đã cấp hơn 62 triệu tài khoản định danh "
    "điện tử, trong đó khoảng 58 triệu tài khoản đã được kích hoạt và sử dụng thường xuyên. "
    "Riêng trong tháng 10, các địa phương tiếp nhận gần 1,2 triệu hồ sơ đề nghị cấp tài khoản mức độ 2.",
    "Đại diện Cục cho biết ứng dụng hiện tích hợp giấy phép lái xe, thẻ bảo hiểm y tế và mã số thuế cá nhân, "
    "giúp người dân không phải mang theo giấy tờ bản giấy khi làm thủ tục. Trung bình mỗi ngày hệ thống "
    "ghi nhận khoảng 3 triệu lượt truy cập.",
    "Về kế hoạch thời gian tới, Bộ Công an phấn đấu đến hết quý I năm sau hoàn thành việc tích hợp thêm "
    "sổ sức khỏe điện tử và phiếu lý lịch tư pháp trên ứng dụng, đồng thời bảo đảm an toàn, bảo mật dữ liệu "
    "cá nhân của người dùng.",
    "Cơ quan chức năng cũng khuyến cáo người dân chỉ tải ứng dụng từ kho chính thức, không cung cấp mã xác thực "
    "cho bất kỳ ai qua điện thoại, tin nhắn hay mạng xã hội để tránh bị lợi dụng chiếm đoạt tài sản.",
]

STORY = "\n\n".join(STORY_PARAGRAPHS)

# Another outlet runs the wire copy: its own lead-in and byline, one sentence reworded.
SYNDICATED = "\n\n".join(
    [
        "(Tin tổng hợp) - Số tài khoản định danh điện tử tiếp tục tăng mạnh.",
        *STORY_PARAGRAPHS[:2],
        STORY_PARAGRAPHS[2].replace("giúp người dân không phải", "nhờ đó người dân không cần"),
        *STORY_PARAGRAPHS[3:],
        "Theo Thông tấn xã địa phương",
    ]
)

# A lightly edited copy: the warning paragraph dropped, one figure sentence shortened.
EDITED = "\n\n".join(
    [
        STORY_PARAGRAPHS[0],
        STORY_PARAGRAPHS[1].replace(
            " Riêng trong tháng 10, các địa phương tiếp nhận gần 1,2 triệu hồ sơ đề nghị cấp tài khoản mức độ 2.",
            "",
        ),
        STORY_PARAGRAPHS[2],
        STORY_PARAGRAPHS[3],
    ]
)

OTHERS = {
    "online public services": (
        "Chiều 5/11, Văn phòng Chính phủ cho biết Cổng Dịch vụ công quốc gia đã cung cấp hơn 4.000 thủ tục "
        "hành chính trực tuyến, trong đó khoảng 2.100 dịch vụ công trực tuyến toàn trình. Tỷ lệ hồ sơ nộp trực "
        "tuyến trong mười tháng đạt gần 45%, tăng so với cùng kỳ năm trước.\n\n"
        "Văn phòng Chính phủ đề nghị các bộ, ngành và địa phương rà soát, cắt giảm giấy tờ không cần thiết, "
        "bảo đảm người dân chỉ cung cấp thông tin một lần. Chậm nhất hết tháng 12, các địa phương phải hoàn "
        "thành việc số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực.\n\n"
        "Một số địa phương như Quảng Ninh, Đà Nẵng được đánh giá dẫn đầu về mức độ hài lòng của người dân khi sử "
        "dụng dịch vụ công trực tuyến."
    ),
    "population database": (
        "Theo Bộ Công an, Cơ sở dữ liệu quốc gia về dân cư hiện lưu trữ thông tin của hơn 104 triệu nhân khẩu và "
        "đã kết nối với 13 bộ, ngành cùng toàn bộ 63 tỉnh, thành phố. Từ đầu năm đến nay, cơ sở dữ liệu đã trả "
        "lời hơn 900 triệu yêu cầu xác thực thông tin công dân.\n\n"
        "Việc làm sạch dữ liệu được thực hiện theo phương châm đúng, đủ, sạch, sống; các trường hợp sai lệch được "
        "công an cấp xã trực tiếp xác minh tại hộ gia đình. Dự kiến trong năm sau, cơ sở dữ liệu sẽ được đồng bộ "
        "thêm với dữ liệu đất đai và dữ liệu doanh nghiệp.\n\n"
        "Lãnh đạo Bộ đề nghị các địa phương ưu tiên nguồn lực cho hạ tầng mạng và bảo đảm an ninh, an toàn hệ thống."
    ),
    "another VNeID story": (
        "Công an tỉnh Bắc Giang tổ chức đợt cao điểm cấp tài khoản định danh điện tử cho học sinh, sinh viên trên "
        "địa bàn. Sau hai tuần, lực lượng công an đã thu nhận hồ sơ của hơn 35.000 em, đạt 90% kế hoạch.\n\n"
        "Các tổ công tác làm việc cả ngày nghỉ, mang máy thu nhận đến tận trường học để các em không phải nghỉ học. "
        "Công an tỉnh cũng hướng dẫn phụ huynh cách kích hoạt tài khoản định danh điện tử và sử dụng ví giấy tờ "
        "trên ứng dụng.\n\n"
        "Dự kiến đến cuối tháng 12, toàn tỉnh hoàn thành cấp tài khoản mức độ 2 cho học sinh từ đủ 14 tuổi trở lên."
    ),
}

# An English story for the language and cp1252 paths.
EN_STORY = (
    "The Ministry of Public Security said on Monday that more than 62 million electronic identification "
    "accounts had been issued by the end of October, about 58 million of them active.\n\n"
    "Officials said the app now carries driving licences and health insurance cards, and that the ministry aims "
    "to add electronic health books by the end of the first quarter of next year."
)
