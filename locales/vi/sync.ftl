## Syncing with the commune server or a volunteer's hub

sync-error-offline = Chưa kết nối được máy chủ. Dữ liệu vẫn được lưu trên máy và sẽ tự đồng bộ khi có mạng.
sync-error-server = Máy chủ đang gặp sự cố. Dữ liệu vẫn an toàn trên máy; ứng dụng sẽ thử lại sau.
sync-error-unauthorized = Máy này chưa được đăng ký với xã, hoặc đã bị thu hồi. Hãy nhờ cán bộ xã cấp mã tham gia mới.
sync-error-bad-code = Mã tham gia không đúng hoặc đã hết hiệu lực.
sync-error-malformed = Dữ liệu đồng bộ bị hỏng nên đã bị từ chối; không có gì bị thay đổi.
server-error-rate-limited = Máy này gửi quá nhiều yêu cầu; hãy chờ một phút rồi thử lại.
server-error-unknown-commune = Không tìm thấy xã này trên máy chủ.
sync-status-synced = Đã đồng bộ lúc { $time }
sync-status-never = Chưa đồng bộ lần nào
sync-status-syncing = Đang đồng bộ…
sync-status-waiting = { $count } thay đổi chờ gửi
sync-now = Đồng bộ ngay
sync-not-enrolled = Máy này chưa tham gia xã nào. Nhập địa chỉ máy chủ và mã tham gia do cán bộ xã hoặc tình nguyện viên cấp.
enroll-server = Địa chỉ máy chủ
enroll-code = Mã tham gia
enroll-submit = Tham gia
hub-error-not-staff = Chỉ máy của tình nguyện viên hoặc cán bộ xã mới làm điểm đồng bộ cho lớp học được.
hub-heading = Điểm đồng bộ cho lớp học
hub-explain = Điện thoại của bà con trong cùng mạng Wi-Fi đồng bộ với máy này, kể cả khi không có internet. Khi có mạng, máy này gửi tất cả lên máy chủ xã.
hub-start = Mở điểm đồng bộ
hub-stop = Đóng điểm đồng bộ
hub-address = Địa chỉ cho điện thoại
hub-code = Mã tham gia cho { $role }: { $code }
hub-qr = Mã QR của địa chỉ
