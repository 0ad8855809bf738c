## Terminal output of the app and tools

headless-no-display = Không tìm thấy màn hình (chưa đặt DISPLAY hoặc WAYLAND_DISPLAY) nên không mở được cửa sổ ứng dụng. Kho dữ liệu tại { $path } vẫn hoạt động; đây là các bài học trong đó:
headless-lesson = { $position }. { $title } · { $topic } · { $minutes } phút
server-migrated = Đã chép sang PostgreSQL: { $devices } thiết bị, { $codes } mã tham gia, { $blobs } tệp, { $changes } thay đổi.
server-listening = Máy chủ Làng Số đang chạy tại { $address }; dữ liệu ở { $path }.
server-commune-created = Đã tạo xã “{ $name }”, mã xã: { $id }
server-village-created = Đã thêm thôn “{ $name }”, mã thôn: { $id }
server-code-created = Mã tham gia cho vai trò { $role }: { $code } (mã chỉ hiện một lần, hãy ghi lại). Số hiệu mã: { $id }; dùng được cho { $uses } máy, đến hết { $expires }.
server-device-revoked = Đã thu hồi thiết bị { $node }; thiết bị này không đồng bộ được nữa.
server-code-listed = { $id } · { $role } · xã { $commune } · tạo { $created } · hết hạn { $expires } · đã dùng { $used }/{ $uses } · { $state }
server-codes-none = Chưa có mã tham gia nào.
server-code-state-active = còn hiệu lực
server-code-state-expired = đã hết hạn
server-code-state-used-up = đã dùng hết lượt
server-code-state-revoked = đã thu hồi
server-code-revoked = Đã thu hồi mã { $id }; các máy đã tham gia bằng mã này vẫn hoạt động.
server-code-unknown = Không có mã { $id } nào còn hiệu lực.
server-device-unknown = Không có thiết bị { $node } nào đang hoạt động.
server-pack-published = Đã xuất bản gói bài học phiên bản { $version } ({ $applied } thay đổi mới).
cli-enrolled = Máy này đã tham gia máy chủ { $server } với vai trò { $role }.
cli-not-enrolled = Máy này chưa tham gia máy chủ nào. Dùng lệnh “langso enroll” với mã tham gia do cán bộ xã cấp.
cli-synced = Đã đồng bộ với { $server }: gửi { $pushed }, nhận { $pulled }, bị từ chối { $rejected }.
cli-status = { $server }: { $waiting } thay đổi đang chờ gửi; lần đồng bộ gần nhất: { $last }.
cli-hub-listening = Máy này đang làm điểm đồng bộ cho lớp học tại { $address }. Điện thoại trong cùng mạng Wi-Fi kết nối vào địa chỉ này.
cli-hub-code = Mã tham gia cho vai trò { $role }: { $code }
server-demo-ready = Xã mẫu “{ $name }” đã sẵn sàng; mã tham gia mới cho từng vai trò đã ghi vào { $path }.
