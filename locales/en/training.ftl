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
report-footer = Làng Số · report made on { $at }
