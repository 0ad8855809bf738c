## The commune dashboard's charts: by village and by month.

chart-villages-title = Theo thôn
chart-people-trained = Người đã học
chart-people-all-five = Người đủ 5 kỹ năng
chart-households-at-target = Hộ đạt chuẩn
chart-no-villages = Xã chưa có thôn nào
chart-months-title = Hộ đạt chuẩn theo tháng
chart-household-share = Tỷ lệ hộ đạt chuẩn
chart-target = Chỉ tiêu
