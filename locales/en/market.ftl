## A farmer's screens: their products, the product form, and what buyers asked.

tab-products = Products
tab-inquiries = Inquiries
# Read out beside a tab's name: how many new things wait there.
tab-badge = { $count } new

products-heading = My products
products-add = Add a product
products-none-title = You have no products yet
products-none = Tap “Add a product” above, take a photo, write the name, the price and your phone number. No signal needed: the product is kept on this phone and goes up to the commune’s marketplace for buyers once the phone is online.
product-price-per-unit = { $price } / { $unit }
product-new-inquiries = { $count ->
    [one] 1 new inquiry
   *[other] { $count } new inquiries
}

## A listing's status

listing-status-draft = Draft
listing-status-published = Published
listing-status-sold-out = Sold out
listing-status-archived = Archived

## The product form

product-new-heading = Add a product
product-edit-heading = Edit the product
product-offline-note = Everything is saved on this phone at once; no signal needed. Once the phone is online, the product goes up to the commune’s marketplace by itself.
product-hint-draft = Draft: only you see it. Tap “Publish” at the end of the page when you want to sell it.
product-hint-published = Buyers see this product on the commune’s marketplace.
product-hint-sold-out = Buyers still see the product, marked “Sold out”.
product-hint-archived = Put away: buyers no longer see it.

product-section-about = The product
product-name = Product name
product-name-hint = For example: Mint honey
product-category = Kind of product
product-category-none = Not chosen
category-farm = Farm produce
category-processed = Processed food
category-drinks = Drinks
category-herbs = Medicinal herbs
category-crafts = Handicrafts
category-other = Other

product-photos = Photos
product-photos-hint = Up to { $max } photos. The first one is the main photo. The phone makes them small and light, and removes where they were taken.
product-photo-add = Add photos
product-photo-busy = Preparing the photo…
product-photo-main = Main photo
product-photo-make-main = Make it the main photo
product-photo-remove = Remove
product-photo-remove-number = Remove photo { $number }
product-photo-number = Photo { $number }
product-photos-full = You have { $max } photos, the most a product can have. Remove one to add another.
product-photos-too-many = A product keeps at most { $max } photos: the extra ones you chose were not added.

product-section-price = Price and quantity
product-price = Price (đồng)
product-price-hint = Digits only, for example 150000.
product-unit = Unit
product-unit-hint = The price above is for one of these, for example: kg, box, bottle.
# Units the form suggests, separated by commas; any other may be typed.
product-units = kg, box, bottle, packet, bag, piece, bunch, fruit, litre
product-pack-size = Pack size (if any)
product-pack-size-hint = For example: 500 g jar, 1 litre bottle
product-made-to-order = Made to order (none in stock)
product-quantity = In stock
product-quantity-hint = How many units are left to sell.

product-section-story = About it
product-description = Description
product-description-hint = What it is like, how to use it, how to keep it.
product-story = The product’s story
product-story-hint = Who makes it, where, and why it is good. Buyers like reading this.

product-section-season = Season
product-season = Season (if any)
product-season-hint = For example: October – December
product-available-from = Available from (if any)
product-date-hint = Write day/month/year, for example 24/11/2026
product-date-placeholder = dd/mm/yyyy

product-section-ocop = OCOP certificate
product-ocop-stars = OCOP stars
product-ocop-hint = Choose if the product has been recognised under OCOP.
product-ocop-none = None
product-ocop-star-count = { $stars } stars
product-ocop-expiry = The certificate expires on

product-section-contact = Contact
product-phone = Phone number
product-phone-hint = Buyers will call this number.
product-zalo = Zalo number (if any)
product-zalo-same = Zalo uses the phone number above

product-section-bank = Payment by bank transfer (if you want)
product-bank-hint = Choose your bank, then write the account number and the holder’s name, so that buyers can pay with a VietQR code. If not, leave “No bank transfer”.
product-bank = Bank
product-bank-none = No bank transfer
product-bank-choice = { $short } – { $name }
product-bank-account = Account number
product-bank-holder = Account holder
product-bank-holder-hint = As written on the bank card, for example GIANG THI SUA

product-save = Save the product
product-save-changes = Save changes
product-saved-draft = Saved on this phone. It is a draft that only you see: tap “Publish” when you want to sell it.
product-saved-online = Saved on this phone. Buyers will see the change after the next sync, once the phone is online.
product-selling = Selling
product-save-first = Save the product first, then tap “Publish” here.
product-publish = Publish
product-mark-sold-out = Mark sold out
product-archive = Archive (stop selling)
product-sell-again = Back to selling
product-now-published = Published. The product goes up to the commune’s marketplace with the next sync, once the phone is online.
product-now-sold-out = Marked sold out. Buyers will see it after the next sync.
product-now-archived = Archived. After the next sync, buyers no longer see this product.
product-back = Back to my products

## What buyers asked

inquiries-heading = Buyers’ inquiries
inquiries-none-title = Nobody has asked yet
inquiries-none = Buyers see your products on the commune’s marketplace page and send inquiries. Inquiries reach this phone whenever it is online and syncs.
inquiries-new = New, not answered ({ $count })
inquiries-seen = Answered or closed
inquiry-status-new = New
inquiry-status-answered = Answered
inquiry-status-closed = Closed
inquiry-product-gone = The product is no longer on this phone
inquiry-buyer = Buyer
inquiry-phone = Phone
inquiry-quantity = Wants
inquiry-quantity-unit = { $quantity } { $unit }
inquiry-date = Sent on
inquiry-call = Call
inquiry-call-name = Call { $name }
inquiry-zalo = Zalo
inquiry-zalo-name = Zalo: message { $name }
inquiry-mark-answered = Answered
inquiry-close = Close
inquiry-reopen = Reopen
