## The start screen of a shared phone: who is learning?

people-heading = Ai đang học?
people-empty = Mỗi người trong nhà có một hồ sơ riêng để lưu bài đã học. Bấm “Thêm người” để tạo hồ sơ đầu tiên.
people-add = Thêm người
people-open-locked = { $name }, có mã PIN
people-pin-badge = Có mã PIN
people-no-village-yet = Chưa chọn thôn
place-heading = { $name }, bạn ở thôn nào?
place-explain = Máy này đã tham gia xã. Hãy chọn thôn của bạn: từ lúc đó, những bài bạn đã học sẽ được gửi lên xã, giữ nguyên ngày giờ bạn học.
place-submit = Lưu thôn của tôi
place-later = Để sau
people-switch = Đổi người học
pin-heading = Nhập mã PIN của { $name }
pin-entered = Đã nhập { $count } trên 4 số
pin-erase = Xoá số vừa nhập
action-cancel = Huỷ
action-back = Quay lại

## Creating a profile

create-heading = Tạo hồ sơ mới
create-no-villages = Máy này vừa tham gia xã nhưng chưa nhận được danh sách thôn. Hãy chờ đồng bộ xong (cần có mạng) rồi quay lại tạo hồ sơ.
create-before-joining = Máy này chưa tham gia xã nào. Bạn vẫn tạo hồ sơ và học được ngay. Khi máy tham gia xã, bạn sẽ chọn thôn của mình và kết quả học sẽ được gửi lên xã.
create-submit = Tạo hồ sơ
profile-name = Họ và tên
profile-picture = Hình đại diện
profile-village = Thôn, bản
profile-role = Bạn là
profile-role-villager = Người học
profile-role-farmer = Nông dân, người bán hàng
profile-role-volunteer = Tình nguyện viên (máy này đã tham gia xã với vai trò này)
profile-role-official = Cán bộ xã (máy này đã tham gia xã với vai trò này)
profile-pin = Mã PIN (không bắt buộc)
profile-pin-hint = 4 chữ số. Đặt mã PIN nếu bạn không muốn người khác dùng chung máy mở hồ sơ của bạn.
avatar-buffalo = Con trâu
avatar-lotus = Hoa sen
avatar-bamboo = Cây tre
avatar-sun = Mặt trời
avatar-fish = Con cá
avatar-star = Ngôi sao
avatar-mountain = Núi
avatar-rice = Bông lúa

## Consent under the 2025 Personal Data Protection Law. Changing this wording means raising
## CONSENT_VERSION in ui/src/lib/consent.ts.

consent-heading = Đồng ý lưu thông tin
consent-what = Làng Số lưu: họ tên, hình đại diện bạn chọn, thôn của bạn, mã PIN (đã được mã hoá, không ai đọc được) nếu bạn đặt, và những bài bạn đã học cùng câu trả lời của bạn.
consent-why = Để làm gì: để bạn học tiếp đúng chỗ đang dừng, nhận giấy chứng nhận, và để xã biết bao nhiêu người đã học kỹ năng số.
consent-who = Ai được xem: thông tin nằm trên điện thoại này và được gửi về máy chủ của xã khi có mạng. Chỉ tình nguyện viên và cán bộ xã của bạn thấy tên bạn; người khác chỉ thấy con số tổng hợp.
consent-rights = Quyền của bạn: theo Luật Bảo vệ dữ liệu cá nhân năm 2025, bạn có thể xem, sửa, tải về hoặc xoá thông tin của mình bất cứ lúc nào, trong mục Cài đặt › Dữ liệu của tôi. Xoá hồ sơ là xoá thông tin cá nhân ở mọi nơi.
consent-agree = Tôi đã đọc và đồng ý cho Làng Số lưu thông tin như trên.
consent-agree-for-someone = Tôi là tình nguyện viên hoặc cán bộ xã. Tôi đã đọc thông báo này cho người được đăng ký và họ đồng ý.
consent-required = Cần có sự đồng ý thì mới tạo được hồ sơ. Hãy đọc thông báo và đánh dấu vào ô đồng ý.

## Settings

tabs-label = Các mục chính
tab-home = Bài học
tab-learnt = Đã học
tab-settings = Cài đặt
settings-heading = Cài đặt
settings-language = Ngôn ngữ
settings-text-size = Cỡ chữ
settings-text-size-0 = Vừa
settings-text-size-1 = Lớn
settings-text-size-2 = Rất lớn
settings-high-contrast = Tương phản cao (chữ đen trên nền trắng, dễ đọc ngoài nắng)
read-aloud = Đọc to mọi thứ (cho người ít đọc chữ)
read-aloud-hint = Bài học, câu hỏi và câu trả lời tự đọc to khi hiện ra.
settings-pin = Mã PIN
settings-pin-on = Hồ sơ của bạn đang có mã PIN.
settings-pin-off = Hồ sơ của bạn chưa có mã PIN; ai dùng máy này cũng mở được.
settings-pin-new = 4 số mới
settings-pin-save = Lưu mã PIN
settings-pin-remove = Bỏ mã PIN
settings-pin-saved = Đã lưu mã PIN mới.
settings-pin-removed = Đã bỏ mã PIN.
settings-mydata = Xem, sửa, tải về hoặc xoá dữ liệu của tôi
settings-device = Máy này

## My data

mydata-heading = Dữ liệu của tôi
mydata-consent = Bạn đồng ý ngày { $date } (bản thông báo { $version }).
mydata-kept = Thông tin đang lưu
mydata-pin-set = Đã đặt
mydata-pin-none = Chưa đặt
mydata-phone = Số điện thoại
mydata-household = Hộ gia đình
mydata-birth-year = Năm sinh
mydata-edit = Sửa thông tin
mydata-save = Lưu thay đổi
mydata-saved = Đã lưu. Thay đổi sẽ được gửi về xã khi có mạng.
refused-heading = Máy chủ của xã không nhận thay đổi vừa rồi
refused-returned = Thông tin đã được trả lại như trên máy chủ ({ $date }). Nếu cần sửa, hãy nhờ tình nguyện viên hoặc cán bộ xã.
refused-ok = Đã hiểu
mydata-export-heading = Tải dữ liệu về
mydata-export-hint = Lưu toàn bộ thông tin và quá trình học của bạn thành một tệp để giữ hoặc mang đi.
mydata-export = Tải dữ liệu của tôi
mydata-exported = Đã lưu vào { $path }
mydata-delete-heading = Xoá hồ sơ
mydata-delete-hint = Tên, hình, thôn, số điện thoại và mã PIN sẽ bị xoá trên máy này và, khi có mạng, ở máy chủ của xã. Số bài đã học vẫn được đếm nhưng không còn gắn với tên bạn.
mydata-delete = Xoá hồ sơ của tôi
mydata-delete-confirm = Xoá hẳn hồ sơ của { $name }? Không thể lấy lại.
mydata-delete-yes = Xoá hẳn
