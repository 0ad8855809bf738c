## A farmer's screens: their products, the product form, and what buyers asked.

tab-products = Sản phẩm
tab-inquiries = Hỏi mua
# Read out beside a tab's name: how many new things wait there.
tab-badge = { $count } mới

products-heading = Sản phẩm của tôi
products-add = Thêm sản phẩm
products-none-title = Bạn chưa có sản phẩm nào
products-none = Bấm “Thêm sản phẩm” ở trên, chụp ảnh, ghi tên, giá và số điện thoại. Không cần sóng điện thoại: sản phẩm được lưu trên máy, khi có mạng máy tự gửi lên chợ của xã để người mua xem.
product-price-per-unit = { $price } / { $unit }
product-new-inquiries = { $count } người hỏi mua mới

## A listing's status

listing-status-draft = Nháp
listing-status-published = Đang bán
listing-status-sold-out = Hết hàng
listing-status-archived = Đã lưu trữ

## The product form

product-new-heading = Thêm sản phẩm
product-edit-heading = Sửa sản phẩm
product-offline-note = Mọi thứ được lưu ngay trên máy này, không cần sóng. Khi máy có mạng, sản phẩm tự được gửi lên chợ của xã.
product-hint-draft = Bản nháp: chỉ bạn thấy. Bấm “Đăng bán” ở cuối trang khi muốn bán.
product-hint-published = Người mua thấy sản phẩm này trên chợ của xã.
product-hint-sold-out = Người mua vẫn thấy sản phẩm, kèm chữ “Hết hàng”.
product-hint-archived = Đã cất đi: người mua không thấy nữa.

product-section-about = Sản phẩm
product-name = Tên sản phẩm
product-name-hint = Ví dụ: Mật ong bạc hà
product-category = Loại hàng
product-category-none = Chưa chọn
category-farm = Nông sản
category-processed = Thực phẩm chế biến
category-drinks = Đồ uống
category-herbs = Dược liệu
category-crafts = Thủ công mỹ nghệ
category-other = Khác

product-photos = Ảnh sản phẩm
product-photos-hint = Tối đa { $max } ảnh. Ảnh đầu tiên là ảnh chính. Máy tự làm ảnh nhỏ lại cho nhẹ và xoá thông tin nơi chụp.
product-photo-add = Thêm ảnh
product-photo-busy = Đang chuẩn bị ảnh…
product-photo-main = Ảnh chính
product-photo-make-main = Đặt làm ảnh chính
product-photo-remove = Xoá
product-photo-remove-number = Xoá ảnh { $number }
product-photo-number = Ảnh { $number }
product-photos-full = Đã đủ { $max } ảnh. Muốn thêm ảnh khác thì xoá bớt một ảnh.
product-photos-too-many = Chỉ giữ được { $max } ảnh: các ảnh chọn thêm không được thêm vào.

product-section-price = Giá và số lượng
product-price = Giá bán (đồng)
product-price-hint = Chỉ viết số, ví dụ 150000.
product-unit = Đơn vị tính
product-unit-hint = Giá trên là cho một đơn vị này, ví dụ: kg, hộp, chai.
# Units the form suggests, separated by commas; any other may be typed.
product-units = kg, hộp, chai, gói, túi, cái, bó, quả, lít
product-pack-size = Quy cách đóng gói (nếu có)
product-pack-size-hint = Ví dụ: hộp 500 g, chai 1 lít
product-made-to-order = Làm theo đơn đặt hàng (không có sẵn)
product-quantity = Số lượng còn
product-quantity-hint = Còn bao nhiêu đơn vị để bán.

product-section-story = Giới thiệu
product-description = Mô tả
product-description-hint = Sản phẩm thế nào, dùng ra sao, bảo quản thế nào.
product-story = Câu chuyện sản phẩm
product-story-hint = Ai làm ra, làm ở đâu, vì sao ngon. Người mua thích đọc phần này.

product-section-season = Mùa vụ
product-season = Mùa vụ (nếu có)
product-season-hint = Ví dụ: Tháng 10 – tháng 12
product-available-from = Có hàng từ ngày (nếu có)
product-date-hint = Viết ngày/tháng/năm, ví dụ 24/11/2026
product-date-placeholder = dd/mm/yyyy

product-section-ocop = Chứng nhận OCOP
product-ocop-stars = Số sao OCOP
product-ocop-hint = Chọn nếu sản phẩm đã được công nhận OCOP.
product-ocop-none = Không có
product-ocop-star-count = { $stars } sao
product-ocop-expiry = Giấy chứng nhận hết hạn ngày

product-section-contact = Liên hệ
product-phone = Số điện thoại
product-phone-hint = Người mua sẽ gọi số này.
product-zalo = Số Zalo (nếu có)
product-zalo-same = Zalo dùng số điện thoại ở trên

product-section-bank = Nhận tiền chuyển khoản (nếu muốn)
product-bank-hint = Chọn ngân hàng rồi điền số tài khoản và tên chủ tài khoản, để người mua chuyển tiền bằng mã VietQR. Không muốn thì để “Không nhận chuyển khoản”.
product-bank = Ngân hàng
product-bank-none = Không nhận chuyển khoản
product-bank-choice = { $short } – { $name }
product-bank-account = Số tài khoản
product-bank-holder = Tên chủ tài khoản
product-bank-holder-hint = Viết như trên thẻ ngân hàng, ví dụ GIANG THI SUA

product-save = Lưu sản phẩm
product-save-changes = Lưu thay đổi
product-saved-draft = Đã lưu trên máy này. Đây là bản nháp, chỉ bạn thấy: bấm “Đăng bán” khi muốn bán.
product-saved-online = Đã lưu trên máy này. Người mua sẽ thấy thay đổi sau lần đồng bộ tới, khi máy có mạng.
product-selling = Bán hàng
product-save-first = Lưu sản phẩm trước, sau đó bấm “Đăng bán” ở đây.
product-publish = Đăng bán
product-mark-sold-out = Báo hết hàng
product-archive = Lưu trữ (thôi bán)
product-sell-again = Bán lại
product-now-published = Đã đăng bán. Sản phẩm sẽ lên chợ của xã ở lần đồng bộ tới, khi máy có mạng.
product-now-sold-out = Đã báo hết hàng. Người mua sẽ thấy sau lần đồng bộ tới.
product-now-archived = Đã lưu trữ. Sau lần đồng bộ tới, người mua không thấy sản phẩm này nữa.
product-back = Về danh sách sản phẩm

## What buyers asked

inquiries-heading = Người hỏi mua
inquiries-none-title = Chưa có ai hỏi mua
inquiries-none = Người mua xem sản phẩm của bạn trên trang chợ của xã và gửi lời hỏi mua. Lời hỏi mua về máy này mỗi khi máy có mạng và đồng bộ.
inquiries-new = Mới, chưa trả lời ({ $count })
inquiries-seen = Đã trả lời hoặc đã đóng
inquiry-status-new = Mới
inquiry-status-answered = Đã trả lời
inquiry-status-closed = Đã đóng
inquiry-product-gone = Sản phẩm không còn trên máy
inquiry-buyer = Người mua
inquiry-phone = Số điện thoại
inquiry-quantity = Muốn mua
inquiry-quantity-unit = { $quantity } { $unit }
inquiry-date = Ngày gửi
inquiry-call = Gọi
inquiry-call-name = Gọi cho { $name }
inquiry-zalo = Zalo
inquiry-zalo-name = Zalo: nhắn cho { $name }
inquiry-mark-answered = Đã trả lời
inquiry-close = Đóng
inquiry-reopen = Mở lại
