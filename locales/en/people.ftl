## The start screen of a shared phone: who is learning?

people-heading = Who is learning?
people-empty = Everyone in the household gets their own profile to keep what they learnt. Tap “Add a person” to make the first one.
people-add = Add a person
people-open-locked = { $name }, has a PIN
people-pin-badge = Has a PIN
people-no-village-yet = No village yet
place-heading = { $name }, which village do you live in?
place-explain = This phone has joined a commune. Choose your village: from then on, the lessons you have learnt are sent to the commune, with the days and times you learnt them.
place-submit = Save my village
place-later = Later
people-switch = Switch person
pin-heading = Enter { $name }’s PIN
pin-entered = { $count } of 4 digits entered
pin-erase = Erase the last digit
action-cancel = Cancel
action-back = Back

## Creating a profile

create-heading = New profile
create-no-villages = This phone has just joined a commune but has not received its list of villages yet. Wait for the sync to finish (it needs a connection), then come back to make the profile.
create-before-joining = This phone has not joined a commune yet. You can still make your profile and start learning now. When the phone joins a commune, you will choose your village and what you have learnt will be sent to the commune.
create-submit = Make the profile
profile-name = Full name
profile-picture = Picture
profile-village = Village
profile-role = You are
profile-role-villager = A learner
profile-role-farmer = A farmer or seller
profile-role-volunteer = A volunteer (this device joined the commune as one)
profile-role-official = A commune official (this device joined the commune as one)
profile-pin = PIN (optional)
profile-pin-hint = 4 digits. Set a PIN if you do not want others who share this phone to open your profile.
avatar-buffalo = Buffalo
avatar-lotus = Lotus
avatar-bamboo = Bamboo
avatar-sun = Sun
avatar-fish = Fish
avatar-star = Star
avatar-mountain = Mountain
avatar-rice = Rice

## Consent under the 2025 Personal Data Protection Law. Changing this wording means raising
## CONSENT_VERSION in ui/src/lib/consent.ts.

consent-heading = Agreeing to keep your details
consent-what = What Làng Số keeps: your name, the picture you chose, your village, your PIN (scrambled so nobody can read it) if you set one, and the lessons you took with your answers.
consent-why = Why: so you can carry on where you stopped, get a certificate, and so the commune knows how many people have learnt digital skills.
consent-who = Who sees it: it stays on this phone and goes to your commune’s server when there is a connection. Only your commune’s volunteers and officers see your name; everyone else sees only totals.
consent-rights = Your rights: under the 2025 Personal Data Protection Law you can see, correct, download or delete your details at any time, in Settings › My data. Deleting your profile deletes your personal details everywhere.
consent-agree = I have read this and agree that Làng Số keeps my details as described.
consent-agree-for-someone = I am a volunteer or a commune officer. I read this notice to the person I am registering and they agree.
consent-required = A profile can only be made with consent. Please read the notice and tick the box.

## Settings

tabs-label = Main sections
tab-home = Lessons
tab-learnt = Learnt
tab-settings = Settings
settings-heading = Settings
settings-language = Language
settings-text-size = Text size
settings-text-size-0 = Normal
settings-text-size-1 = Large
settings-text-size-2 = Largest
settings-high-contrast = High contrast (black on white, easier to read in the sun)
read-aloud = Read everything aloud (for people who read little)
read-aloud-hint = Lessons, questions and answers are read out as they appear.
settings-pin = PIN
settings-pin-on = Your profile has a PIN.
settings-pin-off = Your profile has no PIN; anyone using this phone can open it.
settings-pin-new = 4 new digits
settings-pin-save = Save the PIN
settings-pin-remove = Remove the PIN
settings-pin-saved = Your new PIN is saved.
settings-pin-removed = The PIN is removed.
settings-mydata = See, correct, download or delete my data
settings-device = This phone

## My data

mydata-heading = My data
mydata-consent = You agreed on { $date } (notice version { $version }).
mydata-kept = What is kept
mydata-pin-set = Set
mydata-pin-none = Not set
mydata-phone = Phone number
mydata-household = Household
mydata-birth-year = Year of birth
mydata-edit = Correct my details
mydata-save = Save the changes
mydata-saved = Saved. The change goes to the commune when there is a connection.
refused-heading = The commune's server did not accept your last change
refused-returned = Your details were returned to what the server holds ({ $date }). If they need correcting, ask a volunteer or a commune official.
refused-ok = OK
mydata-export-heading = Download my data
mydata-export-hint = Saves all your details and your learning as one file you can keep or take with you.
mydata-export = Download my data
mydata-exported = Saved in { $path }
mydata-delete-heading = Delete my profile
mydata-delete-hint = Your name, picture, village, phone number and PIN are deleted on this phone and, when there is a connection, on the commune’s server. The lessons you took still count, but no longer carry your name.
mydata-delete = Delete my profile
mydata-delete-confirm = Delete { $name }’s profile for good? It cannot be undone.
mydata-delete-yes = Delete for good
