## Terminal output of the app and tools

headless-no-display = Không tìm thấy màn hình (chưa đặt DISPLAY hoặc WAYLAND_DISPLAY) nên không mở được cửa sổ ứng dụng. Kho dữ liệu tại { $path } vẫn hoạt động; đây là các bài học trong đó:
headless-lesson = { $position }. { $title } · { $topic } · { $minutes } phút
