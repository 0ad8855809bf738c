## The public marketplace web pages (crates/server/src/web): what buyers read.

web-site-name = Chợ Làng Số
web-tagline = Đặc sản của các xã chuyển đổi số, mua thẳng từ người làm ra
web-home-description = Tìm đặc sản, sản phẩm OCOP của các xã thí điểm chuyển đổi số. Gọi, nhắn Zalo cho người bán, hỏi mua và trả tiền bằng VietQR.
web-nav-home = Trang chủ
web-nav-search = Tìm kiếm
# The link to the page in the other language, written in that language.
web-other-language = English
web-skip = Đến nội dung chính
web-footer = Làng Số: chợ của các xã thí điểm chuyển đổi số.
web-footer-privacy = Trang này chỉ hiện tên gọi, thôn và cách liên hệ mà người bán chọn công khai.

## Prices and stars

web-price-per-unit = { $price } / { $unit }
web-pack = Quy cách: { $pack }
web-stars = OCOP { $stars } sao

## Home

web-home-featured = Sản phẩm OCOP 4–5 sao
web-home-newest = Mới đăng bán
web-home-communes = Các xã đang bán
web-home-empty = Chưa có sản phẩm nào được đăng bán. Hãy quay lại sau nhé.
web-home-all = Xem tất cả sản phẩm
web-commune-count =
    { $count ->
        [one] { $count } sản phẩm
       *[other] { $count } sản phẩm
    }

## Search

web-search-title = Tìm sản phẩm
web-search-label = Bạn tìm gì?
web-search-placeholder = Ví dụ: chè shan tuyết, mật ong
web-search-button = Tìm
web-search-results-for = Kết quả cho “{ $text }”
web-search-all = Tất cả sản phẩm
web-search-none = Không tìm thấy sản phẩm nào. Thử bớt bộ lọc hoặc gõ từ khác, không cần dấu.
web-filters = Bộ lọc
web-filter-province = Tỉnh
web-filter-any-province = Mọi tỉnh
web-filter-commune = Xã
web-filter-any-commune = Mọi xã
web-filter-category = Loại: { $category }
web-filter-category-remove = Bỏ lọc theo loại
web-filter-stars = Sao OCOP
web-filter-any-stars = Không cần
web-filter-stars-at-least = Từ { $stars } sao
web-filter-season = Chỉ hàng đang có
web-filter-min-price = Giá từ (₫)
web-filter-max-price = Giá đến (₫)
web-filter-apply = Lọc
web-filter-clear = Xoá bộ lọc
web-filter-ignored = Bỏ qua giá trị không hợp lệ: { $filters }.
web-page-previous = Trang trước
web-page-next = Trang sau
web-page-number = Trang { $page }

## A commune

web-commune-signature = Sản phẩm tiêu biểu của xã
web-commune-products = Sản phẩm của xã
web-commune-more = Các sản phẩm khác

## A product

web-product-photo = Ảnh sản phẩm { $name }, ảnh { $number }
web-product-no-photo = Chưa có ảnh
web-product-made-to-order = Làm theo đơn đặt
web-product-in-stock = Còn { $quantity } { $unit }
web-product-season = Mùa vụ: { $season }
web-product-available-from = Có hàng từ ngày { $date }
web-product-ocop-expiry = Chứng nhận OCOP còn hạn đến { $date }
web-product-category = Loại sản phẩm: { $category }
web-product-description = Giới thiệu
web-product-story = Câu chuyện sản phẩm
web-product-seller = Người bán
web-product-farmer = { $name }, { $village }
web-product-farmer-only = { $name }
web-product-place = { $commune }, { $province }
web-product-contact = Liên hệ người bán
web-product-call = Gọi { $phone }
web-product-zalo = Nhắn Zalo
web-product-more-category = Xem thêm loại { $category }
web-product-more-commune = Sản phẩm khác của { $commune }
web-product-label = In tem QR để dán lên bao bì

## Asking the farmer

web-ask-heading = Hỏi mua
web-ask-intro = Người bán nhận câu hỏi của bạn khi điện thoại của họ có mạng, rồi gọi lại cho bạn.
web-ask-name = Tên của bạn
web-ask-phone = Số điện thoại của bạn
web-ask-quantity = Số lượng ({ $unit })
web-ask-message = Lời nhắn (không bắt buộc)
web-ask-send = Gửi câu hỏi
web-ask-privacy = Tên và số điện thoại của bạn chỉ gửi cho người bán.
web-ask-honeypot = Không điền ô này
web-ask-fix = Chưa gửi được: hãy sửa ô có ghi chú màu đỏ.
web-ask-thanks-title = Đã gửi câu hỏi!
web-ask-thanks = Cảm ơn bạn. Người bán sẽ gọi lại khi điện thoại có mạng, thường trong một hai ngày.

## Paying by VietQR

web-pay-heading = Trả tiền bằng VietQR
web-pay-intro = Mở ứng dụng ngân hàng, chọn quét mã QR. Số tiền và nội dung đã điền sẵn.
web-pay-caution = Chỉ chuyển tiền khi đã thống nhất với người bán qua điện thoại hoặc Zalo.
web-pay-quantity = Số lượng muốn trả ({ $unit })
web-pay-update = Tính lại
web-pay-amount = Số tiền: { $amount }
web-pay-bank = Ngân hàng
web-pay-account = Số tài khoản
web-pay-holder = Chủ tài khoản
web-pay-note = Nội dung chuyển khoản
web-pay-qr = Mã VietQR để trả { $amount } cho { $holder }
web-pay-quantity-ignored = Số lượng không hợp lệ, đã tính cho 1 { $unit }.
web-pay-too-much = Số tiền quá lớn cho một mã QR. Hãy hỏi người bán cách trả.

## The label sheet

web-label-title = Tem QR: { $name }
web-label-howto = Trang này in ra một tờ A4 gồm 21 tem. Dùng lệnh In của trình duyệt, khổ A4, tỉ lệ 100%, không lề.
web-label-scan = Quét mã để xem và mua
web-label-back = Quay lại trang sản phẩm

## Errors

web-error-title = Có lỗi
web-error-not-found = Không tìm thấy trang này. Sản phẩm có thể đã bán hết hoặc ngừng bán.
web-error-too-many = Bạn đã gửi nhiều câu hỏi liền nhau. Vui lòng thử lại sau { $minutes } phút.
web-error-too-large = Nội dung gửi quá dài.
web-error-form-type = Trang chỉ nhận nội dung gửi từ biểu mẫu.
web-error-bad-request = Yêu cầu không hợp lệ.
web-error-internal = Máy chủ đang gặp sự cố. Vui lòng thử lại sau ít phút.
web-error-home = Về trang chủ
