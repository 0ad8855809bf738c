## An official manages the commune's devices and join codes (the "Thiết bị" tab)

tab-devices = Thiết bị
devices-heading = Thiết bị của xã
devices-intro = Các máy đã tham gia xã. Nếu ai làm mất điện thoại, hãy thu hồi máy đó để không ai dùng nó đồng bộ dữ liệu của xã được nữa.
devices-none = Chưa có máy nào tham gia xã.
devices-this-device = Máy đang dùng
devices-last-sync = Đồng bộ lần cuối: { $when }
devices-never-synced = Đồng bộ lần cuối: chưa lần nào
devices-app-version = Phiên bản ứng dụng: { $version }
devices-app-version-unknown = Phiên bản ứng dụng: chưa rõ
devices-enrolled = Tham gia ngày { $date }
devices-via-hub = Tham gia qua điểm đồng bộ { $hub }
devices-via-hub-unnamed = Tham gia qua một điểm đồng bộ lớp học
devices-revoked = Đã thu hồi ngày { $date }
devices-revoke = Thu hồi máy
devices-revoke-title = Thu hồi máy “{ $name }” ({ $role })?
devices-revoke-explain = Máy này sẽ không đồng bộ được nữa và không thể tham gia lại xã, kể cả bằng mã mới. Những gì máy đã gửi lên vẫn được giữ. Không thể hoàn tác.
devices-revoke-yes = Thu hồi hẳn
devices-revoke-done = Đã thu hồi máy “{ $name }”.
devices-error-not-official = Chỉ máy của cán bộ xã mới quản lý được thiết bị và mã tham gia.
devices-error-unknown-device = Không tìm thấy máy này trong xã. Hãy mở lại danh sách thiết bị.
devices-error-own-device = Không thể tự thu hồi máy đang dùng. Hãy dùng máy của một cán bộ khác.
devices-error-already-revoked = Máy này đã bị thu hồi từ trước.

## Join codes

codes-heading = Mã tham gia
codes-intro = Người mới nhập mã tham gia trên máy của họ để vào xã với vai trò ghi trên mã.
codes-new = Tạo mã tham gia mới
codes-role = Vai trò của người dùng mã
codes-days = Dùng được trong bao nhiêu ngày (1 đến { $max })
codes-uses = Dùng cho bao nhiêu máy (1 đến { $max })
codes-make = Tạo mã
codes-made-heading = Mã tham gia mới
codes-made-note = Hãy chép mã này ra giấy ngay. Mã chỉ hiện một lần: khi đóng lại sẽ không xem lại được.
codes-made-details = Cho { $role }, dùng được cho { $uses } máy, đến hết { $expires }.
codes-made-close = Tôi đã chép mã
codes-none = Xã chưa có mã tham gia nào.
codes-item = Mã số { $id }
codes-role-line = Cho { $role }
codes-used = Đã dùng { $used } trên { $uses } lượt
codes-made-on = Tạo ngày { $date }
codes-expires = Hết hạn { $date }
codes-revoke = Thu hồi mã
codes-revoke-title = Thu hồi mã số { $id } ({ $role })?
codes-revoke-explain = Mã này sẽ không dùng để tham gia xã được nữa. Các máy đã tham gia bằng mã này vẫn dùng bình thường.
codes-revoke-yes = Thu hồi mã
codes-revoke-done = Đã thu hồi mã số { $id }.
devices-error-unknown-code = Không tìm thấy mã này trong xã. Hãy mở lại danh sách mã.
devices-error-code-already-revoked = Mã này đã bị thu hồi từ trước.
