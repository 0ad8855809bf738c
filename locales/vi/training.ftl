## A volunteer's training sessions: marks, the session's report and its files.

attendance-listed = Chưa điểm danh
attendance-present = Có mặt
attendance-late = Đến muộn
attendance-absent = Vắng

report-file-stem = buoi-tap-huan
report-deleted-person = (hồ sơ đã xoá)
report-volunteer = Người hướng dẫn: { $name }
report-cancelled = Đã huỷ: { $reason }
report-listed = Trong danh sách
report-attended = Có mặt (kể cả đến muộn)
report-late = Đến muộn
report-absent = Vắng
report-all-five = Có mặt và đã đạt đủ 5 kỹ năng
report-lessons-completed = Lượt hoàn thành bài học
report-col-number = STT
report-col-name = Họ và tên
report-col-village = Thôn, bản
report-col-household = Hộ gia đình
report-col-attendance = Điểm danh
report-col-skills-count = Số kỹ năng đạt
report-col-skills = Kỹ năng đã đạt ở buổi này
report-col-lessons = Bài đã hoàn thành
report-footer = Làng Số · báo cáo lập lúc { $at }
