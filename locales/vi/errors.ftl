## Errors a person may see

error-storage = Không đọc hoặc ghi được dữ liệu trên máy. Hãy mở lại ứng dụng; nếu vẫn lỗi, hãy nhờ tình nguyện viên giúp.
error-unknown-language = Ứng dụng chưa có ngôn ngữ “{ $language }”.
error-internal = Ứng dụng gặp sự cố ngoài dự kiến. Dữ liệu của bạn không bị mất; hãy mở lại ứng dụng.

## Lesson pack problems (shown to the people who write and publish lessons)

pack-error-missing = Gói bài học thiếu tệp { $file }.
pack-error-syntax = Tệp { $file } viết sai cú pháp: { $detail }
pack-error-missing-translation = Tệp { $file }: mục { $field } chưa có bản ngôn ngữ “{ $language }”.
pack-error-unknown-language = Tệp { $file }: mục { $field } dùng ngôn ngữ “{ $language }” nhưng thư mục locales/ chưa có ngôn ngữ này.
pack-error-bad-text = Tệp { $file }: mục { $field } bị trống hoặc quá dài.
pack-error-out-of-range = Tệp { $file }: giá trị của { $field } nằm ngoài khoảng cho phép.
pack-error-bad-id = Tệp { $file }: mã “{ $id }” không phải UUIDv7.
pack-error-duplicate = Tệp { $file }: “{ $value }” bị dùng hai lần.
error-data-dir = Không tạo được thư mục dữ liệu { $path }. Hãy kiểm tra bộ nhớ máy còn trống không.
error-pack-unsigned = Gói bài học đi kèm ứng dụng không có chữ ký hợp lệ của nơi xuất bản. Hãy cài lại ứng dụng từ nguồn chính thức.
pack-error-correct-choice = Tệp { $file }: câu hỏi số { $question } phải có đúng một đáp án đúng.
pack-error-too-few-lessons = Tệp pack.toml: kỹ năng cơ bản { $topic } mới có { $lessons } bài; cần ít nhất { $needed } bài.
pack-error-broken-asset = Tệp { $file }: { $field } trỏ tới “{ $path }”, nhưng tệp này không có, quá lớn, nằm ngoài thư mục bài học hoặc không phải tệp ảnh hay âm thanh thuộc loại được hỗ trợ.

## Người đang dùng ứng dụng

error-no-profile = Hãy chọn hồ sơ của bạn trước.
error-staff-only = Chỉ tình nguyện viên hoặc cán bộ xã mới làm được việc này. Hãy mở hồ sơ của họ.
error-farmer-only = Chỉ người bán nông sản đã chọn thôn mới làm được việc này. Hãy mở hồ sơ của họ.
error-official-only = Chỉ cán bộ xã mới xem được phần này. Hãy mở hồ sơ của họ.
error-not-seller-device = Máy này không tham gia xã bằng mã của người bán nông sản, nên không đăng bán được. Hãy dùng máy của người bán, hoặc xin cán bộ xã mã cho người bán.
photo-error-unreadable = Không đọc được ảnh này. Hãy chọn một ảnh JPEG, PNG hoặc WebP.
photo-error-too-large = Ảnh này quá lớn. Hãy chọn ảnh nhỏ hơn 40 MB.
error-role-not-enrolled = Hồ sơ tình nguyện viên hoặc cán bộ xã chỉ tạo được trên máy đã tham gia xã với đúng vai trò đó.
error-pin-wait = Nhập sai mã PIN quá nhiều lần. Hãy chờ { $seconds } giây rồi thử lại.
error-save-failed = Không lưu được tệp vào { $path }. Hãy kiểm tra máy còn dung lượng trống.
