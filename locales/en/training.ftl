## A volunteer's training sessions: marks, the session's report and its files.

attendance-listed = Not marked yet
attendance-present = Present
attendance-late = Late
attendance-absent = Absent

report-file-stem = training-session
report-deleted-person = (profile deleted)
report-volunteer = Run by: { $name }
report-cancelled = Cancelled: { $reason }
report-listed = On the list
report-attended = Attended (late included)
report-late = Late
report-absent = Absent
report-all-five = Attended and has all five skills
report-lessons-completed = Lessons completed
report-col-number = No.
report-col-name = Name
report-col-village = Village
report-col-household = Household
report-col-attendance = Attendance
report-col-skills-count = Skills
report-col-skills = Skills checked at this session
report-col-lessons = Lessons completed
report-col-skills-short = Skills
report-col-lessons-short = Lessons done
report-footer = Làng Số · report made on { $at }

## The volunteer's screens: the sessions tab, planning one, a session, registering someone.

tab-sessions = Sessions

sessions-heading = The commune's sessions
sessions-plan = Plan a new session
sessions-none = No sessions yet. Tap the button above to plan the first one.
sessions-today = Today
sessions-today-none = No session today.
sessions-coming = Coming
sessions-coming-none = No sessions coming up.
sessions-past = Past
session-cancelled = Cancelled
session-cancelled-reason = Reason: { $reason }
session-card-present = Present: { $present ->
    [one] { $present } person
   *[other] { $present } people
}

plan-heading = Plan a session
plan-edit-heading = Change the session
plan-title = Session title
plan-title-hint = For example: How to spot a scam call
plan-village = Village
plan-place = Place (if any)
plan-place-hint = For example: the village cultural house
plan-date = Day
plan-date-hint = Write day/month/year, for example 24/11/2026
plan-date-placeholder = dd/mm/yyyy
plan-start = Start time
plan-end = End time
plan-time-placeholder = hh:mm
plan-time-hint = Write the time on the 24-hour clock, for example 08:00 or 14:30.
plan-lessons = Lessons to take
plan-lessons-hint = Choose one or a few.
plan-skills = Basic digital skills this session covers
plan-skills-hint = Choosing a lesson chooses its skill too.
plan-fix-fields = The day or a time is not right. Please fix what is marked in red above.
plan-save = Save the session
plan-save-changes = Save the changes
plan-cancel-heading = Cancel the session
plan-cancel-hint = A cancelled session stays in the list with its reason, so that everyone knows.
plan-cancel = Cancel this session

session-error-date-empty = the day is missing.
session-error-date-format = write day/month/year, for example 24/11/2026.
session-error-date-none = there is no { $date } on the calendar.
session-error-time-empty = the time is missing.
session-error-time-format = write hours:minutes on the 24-hour clock, for example 08:00 or 14:30.
session-error-order = the end must come after the start.

cancel-title = Cancel “{ $title }”?
cancel-explain = The session will be marked cancelled and nobody can be marked at it any more. This cannot be undone.
cancel-reason = Why it is cancelled (everyone will see it)
cancel-reason-required = Please write why it is cancelled.
cancel-yes = Cancel the session
cancel-keep = Keep it

session-present = { $present }/{ $listed } present
session-edit = Change the session
session-parts = Parts of the session
session-tab-attendance = Roll call
session-tab-skills = Skills
session-tab-progress = Progress
session-tab-report = Report
session-back = Back to the sessions

attendance-search = Find by name
attendance-search-placeholder = Type a name, accents not needed
attendance-search-results = People found
attendance-search-none = Nobody found. For someone new, tap “New person”.
attendance-add = Tap to add to the list
attendance-on-list = Already on the list
attendance-added = { $name } was added to the list.
attendance-already = { $name } is already on the list.
attendance-register = New person (no profile yet)
attendance-list = The list
attendance-counts = Present { $present } · Late { $late } · Absent { $absent } · Not marked { $listed }
attendance-empty = Nobody on the list yet. Find people by name or register someone new.
attendance-closed = This session was cancelled, so nobody can be marked any more.
mark-present = Present
mark-late = Late
mark-absent = Absent
nearby-heading = Learning on their phones
nearby-hint = They are learning on their own phones during the session but are not on the list yet.
nearby-add = Add to the list
nearby-add-named = Add { $name } to the list
person-household = Household of { $household }
person-born = born { $year }

skills-hint = Tap each skill this person showed at the session. Tap again to take it back.
skills-closed = This session was cancelled, so no skills can be checked any more.
skills-covers = This session covers: { $skills }
skills-nobody = Nobody is marked present yet. Take attendance first.
skills-away = Not present, so no skills can be checked yet: { $names }
skills-of = Skills of { $name }
skills-tally = { $count } of 5 skills at this session
skills-all-five = Has all 5 skills
skills-record = See { $name }'s skills across sessions
skill-short-public-services = e-Gov
skill-short-online-shopping = Shop
skill-short-online-payments = Pay
skill-short-online-safety = Safety
skill-short-local-platforms = Local apps
record-title = { $name }'s skills across sessions
record-sessions = Came to { $count ->
    [one] { $count } session
   *[other] { $count } sessions
}
record-count = Has { $count } of 5 skills
record-checked = Since { $date }
record-not-yet = Not yet
record-close = Close

progress-lessons = This session's lessons
progress-no-lessons = No lessons were chosen for this session. Change the session to choose some.
progress-completed = Finished: { $count }
progress-started = Started: { $count }
progress-not-started = Not started: { $count }
progress-learners = Each learner
progress-state-completed = Finished
progress-state-started = Started
progress-state-not-started = Not started
progress-score = { $right }/{ $answered } right the first time
help-heading = Needs help
help-rules = Someone present needs help when they:
help-rule-not-completed = have not finished every lesson of this session;
help-rule-mostly-wrong = answered at least { $min } questions and got more than half wrong the first time;
help-rule-missing-skills = came to at least { $sessions } sessions and still lack some of the 5 skills.
help-none = Nobody needs help by these three rules.
help-not-completed = { $lessons ->
    [one] { $lessons } lesson not finished
   *[other] { $lessons } lessons not finished
}
help-mostly-wrong = { $wrong } of { $answered } wrong the first time
help-missing-skills = Came to { $sessions } sessions, still lacks: { $skills }
hardest-heading = Often answered wrongly
hardest-hint = Questions many people got wrong the first time: worth explaining again.
hardest-none = No question was answered wrongly yet.
hardest-wrong = Wrong the first time: { $wrong }/{ $answered } people

report-people = People
report-skills = People checked for each skill at this session
report-save-hint = The report is saved as two files on this device: a spreadsheet (CSV) and a printable page (PDF), to send to the commune.
report-save = Save the report (CSV and PDF)
report-saved = Both files were saved:
report-saved-csv = Spreadsheet (CSV):
report-saved-pdf = Printable page (PDF):

register-heading = Register someone new
register-for = At: { $title }
register-household = Household
register-household-hint = The commune counts households where someone has all 5 skills, so please note this person's household.
register-household-existing = A household already in the village
register-household-pick = Choose the household
register-household-new = A new household
register-household-none = No household
register-members = { $count ->
    [one] { $count } person
   *[other] { $count } people
}
register-head-name = Head of household
register-address = House number or hamlet (if any)
register-address-hint = For example: Hamlet 3, or house 12
register-birth-year = Year of birth (if known)
register-phone = Phone (if any)
register-role = This person is
register-arrival = Attendance
register-consent-read = Read this notice aloud to the person, then ask whether they agree.
register-birth-year-format = Year of birth: write all 4 digits, for example 1985.
register-save = Save and put on the list
register-save-another = Save and add someone of the household
register-done = { $name } is registered. Now the next person.
