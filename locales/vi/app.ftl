## The app window

app-name = Làng Số
app-tagline = Học kỹ năng số ngay trên điện thoại, cả khi không có mạng
# This language's own name, shown on the language switch.
language-name = Tiếng Việt
language-switch-label = Chọn ngôn ngữ

catalogue-heading = Bài học
catalogue-loading = Đang mở danh sách bài học…
catalogue-empty = Máy này chưa có bài học nào.
lesson-minutes = { $minutes } phút
lesson-steps = { $steps } bước
lesson-level = Mức { $level }
lesson-basic-skill = Kỹ năng số cơ bản

## Topics: the five basic digital skills first, then other topics

topic-public-services = Dịch vụ công trực tuyến
topic-online-shopping = Mua sắm trực tuyến
topic-online-payments = Thanh toán trực tuyến
topic-online-safety = Tự bảo vệ trên mạng
topic-local-platforms = Nền tảng số của địa phương
topic-device-basics = Làm quen với điện thoại
topic-selling-online = Bán hàng trên mạng
topic-information = Tìm và kiểm chứng thông tin

error-heading = Có lỗi xảy ra
error-retry = Thử lại

## Roles

role-villager = người học
role-volunteer = tình nguyện viên
role-farmer = nông dân
role-official = cán bộ xã
