## An official's device manages the commune's devices and join codes: why the server refuses

devices-error-not-official = Chỉ máy của cán bộ xã mới quản lý được thiết bị và mã tham gia.
devices-error-unknown-device = Không tìm thấy máy này trong xã. Hãy mở lại danh sách thiết bị.
devices-error-own-device = Không thể tự thu hồi máy đang dùng. Hãy dùng máy của một cán bộ khác.
devices-error-already-revoked = Máy này đã bị thu hồi từ trước.
devices-error-unknown-code = Không tìm thấy mã này trong xã. Hãy mở lại danh sách mã.
devices-error-code-already-revoked = Mã này đã bị thu hồi từ trước.
