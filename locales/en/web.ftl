## The public marketplace web pages (crates/server/src/web): what buyers read.

web-site-name = Làng Số Market
web-tagline = Specialties of Vietnam's digital communes, bought straight from the people who make them
web-home-description = Find specialty and OCOP products of the pilot digital-transformation communes. Call or Zalo the seller, ask to buy and pay by VietQR.
web-nav-home = Home
web-nav-search = Search
# The link to the page in the other language, written in that language.
web-other-language = Tiếng Việt
web-skip = Skip to the main content
web-footer = Làng Số: the market of the pilot digital-transformation communes.
web-footer-privacy = This site shows only the first name, village and contact details the seller chose to publish.

## Prices and stars

web-price-per-unit = { $price } / { $unit }
web-pack = Pack: { $pack }
web-stars = OCOP { $stars } stars

## Home

web-home-featured = OCOP 4–5 star products
web-home-newest = Newly listed
web-home-communes = Communes selling now
web-home-empty = No products are listed yet. Please come back later.
web-home-all = See all products
web-commune-count =
    { $count ->
        [one] { $count } product
       *[other] { $count } products
    }

## Search

web-search-title = Find products
web-search-label = What are you looking for?
web-search-placeholder = For example: shan tuyet tea, honey
web-search-button = Search
web-search-results-for = Results for “{ $text }”
web-search-all = All products
web-search-none = No products found. Try fewer filters or other words; accents are not needed.
web-filters = Filters
web-filter-province = Province
web-filter-any-province = Any province
web-filter-commune = Commune
web-filter-any-commune = Any commune
web-filter-category = Category: { $category }
web-filter-category-remove = Remove the category filter
web-filter-stars = OCOP stars
web-filter-any-stars = Any
web-filter-stars-at-least = { $stars } stars or more
web-filter-season = Available now only
web-filter-min-price = Price from (₫)
web-filter-max-price = Price up to (₫)
web-filter-apply = Filter
web-filter-clear = Clear filters
web-filter-ignored = Ignored values that are not valid: { $filters }.
web-page-previous = Previous page
web-page-next = Next page
web-page-number = Page { $page }

## A commune

web-commune-signature = The commune's signature product
web-commune-products = Products of the commune
web-commune-more = More products

## A product

web-product-photo = Photo of { $name }, number { $number }
web-product-no-photo = No photo yet
web-product-made-to-order = Made to order
web-product-in-stock = { $quantity } { $unit } in stock
web-product-season = Season: { $season }
web-product-available-from = Available from { $date }
web-product-ocop-expiry = OCOP certificate valid until { $date }
web-product-category = Category: { $category }
web-product-description = About
web-product-story = The product's story
web-product-seller = Seller
web-product-farmer = { $name }, { $village }
web-product-farmer-only = { $name }
web-product-place = { $commune }, { $province }
web-product-contact = Contact the seller
web-product-call = Call { $phone }
web-product-zalo = Message on Zalo
web-product-more-category = More { $category }
web-product-more-commune = More from { $commune }
web-product-label = Print QR labels for the packaging

## Asking the farmer

web-ask-heading = Ask to buy
web-ask-intro = The seller gets your question when their phone is online, then calls you back.
web-ask-name = Your name
web-ask-phone = Your phone number
web-ask-quantity = Quantity ({ $unit })
web-ask-message = Message (optional)
web-ask-send = Send the question
web-ask-privacy = Your name and phone number go to the seller only.
web-ask-honeypot = Leave this empty
web-ask-fix = Not sent yet: please correct the field marked in red.
web-ask-thanks-title = Your question was sent!
web-ask-thanks = Thank you. The seller will call you back when their phone is online, usually within a day or two.

## Paying by VietQR

web-pay-heading = Pay by VietQR
web-pay-intro = Open your banking app and scan the QR code. The amount and the note are filled in.
web-pay-caution = Only transfer money once you have agreed with the seller by phone or Zalo.
web-pay-quantity = Quantity to pay for ({ $unit })
web-pay-update = Recalculate
web-pay-amount = Amount: { $amount }
web-pay-bank = Bank
web-pay-account = Account number
web-pay-holder = Account holder
web-pay-note = Transfer note
web-pay-qr = VietQR code to pay { $amount } to { $holder }
web-pay-quantity-ignored = That quantity is not valid; the amount is for 1 { $unit }.
web-pay-too-much = The amount is too large for one QR code. Please ask the seller how to pay.

## The label sheet

web-label-title = QR labels: { $name }
web-label-howto = This page prints one A4 sheet of 21 labels. Use your browser's Print command: A4 paper, 100% scale, no margins.
web-label-scan = Scan to see and buy
web-label-back = Back to the product page

## Errors

web-error-title = Something went wrong
web-error-not-found = This page was not found. The product may be sold out or no longer for sale.
web-error-too-many = You have sent several questions in a row. Please try again in { $minutes } minutes.
web-error-too-large = What you sent is too long.
web-error-form-type = This page only takes what a form sends.
web-error-bad-request = This request is not valid.
web-error-internal = The server has a problem. Please try again in a few minutes.
web-error-home = Back to the home page
