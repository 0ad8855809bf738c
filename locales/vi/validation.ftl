## What was wrong with what a person typed. { $field } is one of the field-* labels below.

invalid-empty = { $field }: chưa được điền.
invalid-too-long = { $field }: dài quá, tối đa { $max } ký tự.
invalid-range = { $field }: phải từ { $min } đến { $max }.
invalid-money = { $field }: phải từ { $min } đến { $max }.
invalid-phone = { $field }: không phải số điện thoại Việt Nam (ví dụ 0912 345 678).
invalid-pin = { $field }: phải gồm đúng 4 chữ số.
invalid-unknown = { $field }: không tìm thấy trên máy này.
invalid-consent = { $field }: cần người dùng đồng ý trước khi lưu thông tin cá nhân.
invalid-format = { $field }: viết chưa đúng dạng.
invalid-order = { $field }: giờ kết thúc phải sau giờ bắt đầu, trong cùng một ngày.
invalid-duplicate = { $field }: tên này đã có rồi.
invalid-other-commune = { $field }: thuộc xã khác, không ghi vào đây được.
invalid-other-village = { $field }: thuộc thôn khác; hãy chọn một hộ của thôn này.
invalid-not-present = { $field }: người này chưa được đánh dấu có mặt ở buổi này.
invalid-cancelled = { $field }: buổi này đã huỷ, không ghi thêm được.
error-wrong-pin = Mã PIN chưa đúng. Hãy thử lại.

## Field labels

field-commune = Xã
field-village = Thôn, bản
field-district = Huyện
field-province = Tỉnh
field-name = Tên
field-household = Hộ gia đình
field-birth-year = Năm sinh
field-phone = Số điện thoại
field-avatar = Ảnh đại diện
field-pin = Mã PIN
field-consent = Sự đồng ý
field-profile = Người dùng
field-title = Tên buổi học
field-place = Địa điểm
field-ends-at = Giờ kết thúc
field-lessons = Bài học
field-skills = Kỹ năng
field-volunteer = Tình nguyện viên
field-session = Buổi tập huấn
field-lesson = Bài học
field-question = Câu hỏi
field-choice = Đáp án
field-step = Bước
field-listing = Sản phẩm
field-category = Loại hàng
field-ocop-group = Nhóm sản phẩm OCOP
field-description = Mô tả
field-story = Câu chuyện sản phẩm
field-price = Giá
field-unit = Đơn vị tính
field-pack-size = Quy cách đóng gói
field-quantity = Số lượng
field-season = Mùa vụ
field-available-from = Có hàng từ ngày
field-ocop-stars = Số sao OCOP
field-ocop-expiry = Ngày hết hạn chứng nhận OCOP
field-certifications = Chứng nhận
field-photos = Ảnh
field-zalo = Số Zalo
field-bank-bin = Mã ngân hàng
field-bank-account = Số tài khoản
field-bank-holder = Tên chủ tài khoản
field-text-size = Cỡ chữ
field-head-name = Tên chủ hộ
field-address = Số nhà hoặc xóm
field-starts-at = Giờ bắt đầu
field-cancel-reason = Lý do huỷ
field-target = Chỉ tiêu tỉ lệ hộ
field-buyer-name = Tên người mua
field-message = Lời nhắn

## Why a change from another device was refused

reject-unknown = Thay đổi này không thuộc dữ liệu của Làng Số.
reject-malformed = Thay đổi này bị hỏng hoặc thiếu thông tin.
reject-too-long = Thay đổi này quá lớn.
reject-clock = Đồng hồ của máy này lệch quá xa; hãy chỉnh lại ngày giờ trên máy.
reject-forbidden = Thiết bị này không được phép thay đổi dữ liệu đó.
reject-forged = Thay đổi này mạo danh một thiết bị khác.
reject-signature = Chữ ký của thay đổi này không khớp với thiết bị đã tạo ra nó: có thể nó đã bị sửa trên đường truyền.
reject-unknown-device = Thay đổi này đến từ một thiết bị không thuộc xã, hoặc đã bị thu hồi.
reject-retired = Thay đổi này gửi mã PIN đi khỏi máy; mã PIN chỉ được giữ trên máy của người dùng. Hãy cập nhật ứng dụng trên máy gửi.
