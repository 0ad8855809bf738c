## What was wrong with what a person typed. { $field } is one of the field-* labels below.

invalid-empty = { $field }: please fill this in.
invalid-too-long = { $field }: too long, at most { $max } characters.
invalid-range = { $field }: must be from { $min } to { $max }.
invalid-money = { $field }: must be from { $min } to { $max }.
invalid-phone = { $field }: not a Vietnamese phone number (for example 0912 345 678).
invalid-pin = { $field }: must be exactly 4 digits.
invalid-unknown = { $field }: not found on this device.
invalid-consent = { $field }: the person must agree before their details are saved.
invalid-format = { $field }: not written the right way.
invalid-order = { $field }: the end must come after the start, on the same day.
invalid-duplicate = { $field }: this name is already taken.
invalid-other-commune = { $field }: belongs to another commune, so it cannot be recorded here.
invalid-other-village = { $field }: belongs to another village; choose a household of this village.
invalid-not-present = { $field }: this person is not marked present at this session.
invalid-cancelled = { $field }: this session was cancelled; nothing more can be recorded at it.
error-wrong-pin = That PIN is not right. Please try again.

## Field labels

field-commune = Commune
field-village = Village
field-district = District
field-province = Province
field-name = Name
field-household = Household
field-birth-year = Year of birth
field-phone = Phone number
field-avatar = Picture
field-pin = PIN
field-consent = Consent
field-profile = Person
field-title = Session title
field-place = Place
field-ends-at = End time
field-lessons = Lessons
field-skills = Skills
field-volunteer = Volunteer
field-session = Training session
field-lesson = Lesson
field-question = Question
field-choice = Answer
field-step = Step
field-listing = Product
field-category = Category
field-ocop-group = OCOP product group
field-description = Description
field-story = Product story
field-price = Price
field-unit = Unit
field-pack-size = Pack size
field-quantity = Quantity
field-season = Season
field-available-from = Available from
field-ocop-stars = OCOP stars
field-ocop-expiry = OCOP certificate expiry
field-certifications = Certifications
field-photos = Photos
field-zalo = Zalo number
field-bank-bin = Bank code
field-bank-account = Account number
field-bank-holder = Account holder
field-text-size = Text size
field-head-name = Head of household
field-address = House number or hamlet
field-starts-at = Start time
field-cancel-reason = Reason for cancelling
field-target = Target share of households
field-buyer-name = Buyer's name
field-message = Message

## Why a change from another device was refused

reject-unknown = This change is not part of Làng Số's data.
reject-malformed = This change is damaged or incomplete.
reject-too-long = This change is too large.
reject-clock = This device's clock is too far off; please correct its date and time.
reject-forbidden = This device is not allowed to change that.
reject-forged = This change claims to come from another device.
reject-signature = The signature on this change does not match the device that made it: it may have been altered on the way.
reject-unknown-device = This change comes from a device that is not enrolled in this commune, or that was revoked.
reject-retired = This change sends a PIN off its device; a PIN is kept only on the person's own device. Please update the app on the sending device.
