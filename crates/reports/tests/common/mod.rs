//! A Vietnamese attendance sheet of any length, for the tests.

use langso_reports::{Align, Column, Sheet};

const FAMILY: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
const MIDDLE: [&str; 5] = ["Thị", "Văn", "Đức", "Ngọc", "Quốc"];
const GIVEN: [&str; 9] = ["Lan", "Hùng", "Mai", "Dũng", "Thảo", "Khoa", "Huệ", "Tuấn", "Yến"];
const HAMLET: [&str; 4] = ["Thôn Đông", "Thôn Tây", "Xóm Chợ", "Bản Nà Ơi"];

pub fn sheet(rows: usize) -> Sheet {
    let mut body: Vec<Vec<String>> = (0..rows)
        .map(|i| {
            let name = format!("{} {} {}", FAMILY[i % 8], MIDDLE[i % 5], GIVEN[i % 9]);
            let note = if i % 7 == 3 {
                "Đã nộp hồ sơ, còn thiếu giấy xác nhận cư trú của ủy ban nhân dân xã".to_owned()
            } else {
                String::new()
            };
            vec![
                (i + 1).to_string(),
                name,
                HAMLET[i % 4].to_owned(),
                if i % 3 == 0 { "Vắng" } else { "Có" }.to_owned(),
                format!("{}/5", i % 6),
                note,
            ]
        })
        .collect();
    if let Some(first) = body.first_mut() {
        first[1] = "Nguyễn Thị Lan".to_owned();
    }
    if let Some(second) = body.get_mut(1) {
        second[1] = "Đỗ Văn Bình".to_owned();
    }
    Sheet {
        title: "Danh sách điểm danh lớp học kỹ năng số".to_owned(),
        subtitle: vec![
            "Xã Tân Lập, huyện Đồng Hỷ".to_owned(),
            "Buổi học ngày 12/03/2026 — Người ghi: Trần Thu Hà".to_owned(),
        ],
        figures: vec![
            ("Có mặt".to_owned(), "12".to_owned()),
            ("Vắng".to_owned(), "3".to_owned()),
            ("Tổng số học viên".to_owned(), rows.to_string()),
            ("Tỉ lệ hoàn thành".to_owned(), "80%".to_owned()),
        ],
        columns: vec![
            Column::new("STT", 0.6, Align::Right),
            Column::new("Họ và tên", 3.0, Align::Left),
            Column::new("Thôn, xóm", 2.0, Align::Left),
            Column::new("Điểm danh", 1.3, Align::Center),
            Column::new("Bài đạt", 1.0, Align::Right),
            Column::new("Ghi chú", 3.0, Align::Left),
        ],
        rows: body,
        footer: "Làng Số — in ngày 12/03/2026. Thông tin cá nhân: giữ kín, không chia sẻ.".to_owned(),
    }
}
