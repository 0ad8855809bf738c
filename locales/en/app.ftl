## The app window

app-name = Làng Số
app-tagline = Learn digital skills on your phone, even with no signal
# This language's own name, shown on the language switch.
language-name = English
language-switch-label = Choose a language

catalogue-heading = Lessons
catalogue-loading = Opening the lessons…
catalogue-empty = There are no lessons on this device yet.
lesson-minutes = { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
lesson-steps = { $steps ->
    [one] 1 step
   *[other] { $steps } steps
}
lesson-level = Level { $level }
lesson-basic-skill = Basic digital skill

## Topics: the five basic digital skills first, then other topics

topic-public-services = Online public services
topic-online-shopping = Shopping online
topic-online-payments = Paying online
topic-online-safety = Staying safe online
topic-local-platforms = Our commune's digital platforms
topic-device-basics = Getting to know your phone
topic-selling-online = Selling online
topic-information = Finding and checking information

error-heading = Something went wrong
error-retry = Try again

## Roles

role-villager = learner
role-volunteer = volunteer
role-farmer = farmer
role-official = commune official
