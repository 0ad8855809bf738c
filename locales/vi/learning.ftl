## The catalogue

search-label = Tìm bài học
search-placeholder = Tìm bài học, ví dụ: lừa đảo, VNeID
search-count = Tìm thấy { $count } bài
lesson-done = Đã học xong
lesson-started = Đã học { $seen }/{ $steps } bước
lesson-start = Học bài này
lesson-continue = Học tiếp

## The lesson player

player-close = Danh sách bài
player-step = Bước { $number } trên { $count }
player-resumed = Bạn học tiếp từ chỗ đã dừng lần trước.
player-back = Quay lại
player-next = Tiếp theo
player-to-quiz = Làm bài kiểm tra nhỏ
narration-play = Nghe đọc
narration-pause = Tạm dừng
narration-replay = Nghe lại
narration-unavailable = Chưa nghe được phần đọc của bước này trên máy này.
quiz-listen-question = Nghe câu hỏi
quiz-listen-answer = Nghe câu trả lời: { $answer }
quiz-listen-feedback = Nghe lời giải thích
quiz-counter = Câu hỏi { $number } trên { $count }
quiz-right = Đúng rồi! Bạn giỏi lắm.
quiz-wrong = Chưa đúng, không sao cả. Cùng xem lại nhé.
quiz-right-answer = Đáp án đúng: { $answer }
quiz-retry = Thử lại câu này
quiz-next = Câu tiếp theo
quiz-finish = Hoàn thành bài học
done-heading = Bạn đã học xong!
done-lesson = Bài “{ $title }” đã được ghi vào hồ sơ của bạn.
done-score = Trả lời đúng ngay lần đầu { $right } trên { $count } câu.
done-more = Học bài khác
done-learnt = Xem những gì tôi đã học

## What I have learnt, and the certificate

learnt-heading = Những gì tôi đã học
learnt-summary = Bạn đã học xong { $lessons } bài và thành thạo { $skills } trên { $basic } kỹ năng số cơ bản.
learnt-skills = Kỹ năng
learnt-mastered = Đã thành thạo
learnt-of = { $done }/{ $total } bài
learnt-lessons = Bài đã học xong
learnt-none = Bạn chưa học xong bài nào. Hãy bắt đầu với một bài ở mục Bài học.
learnt-certificate = Xem giấy chứng nhận
certificate-heading = Giấy chứng nhận
certificate-given-to = Chứng nhận
certificate-place = { $village }, { $commune }
certificate-lessons = đã học xong { $count } bài kỹ năng số
certificate-skills = và thành thạo các kỹ năng:
certificate-list = Danh sách bài đã học
certificate-date = Ngày { $date }
certificate-note = Xuất trình màn hình này cho cán bộ xã hoặc tình nguyện viên để được xác nhận.
certificate-file-note = Giấy này ghi lại việc tự học trên ứng dụng Làng Số; cán bộ xã hoặc tình nguyện viên có thể xác nhận.
certificate-file-stem = giay-chung-nhan
certificate-save-picture = Lưu thành ảnh để gửi
certificate-save-pdf = Lưu thành PDF để in
certificate-saved = Đã lưu vào: { $path }
