## The catalogue

search-label = Search lessons
search-placeholder = Search lessons, e.g. scam, VNeID
search-count = { $count ->
    [one] 1 lesson found
   *[other] { $count } lessons found
}
lesson-done = Done
lesson-started = { $seen }/{ $steps } steps done
lesson-start = Start this lesson
lesson-continue = Carry on

## The lesson player

player-close = All lessons
player-step = Step { $number } of { $count }
player-resumed = You are carrying on where you stopped last time.
player-back = Back
player-next = Next
player-to-quiz = Take the short quiz
narration-play = Listen
narration-pause = Pause
narration-replay = Listen again
narration-unavailable = The spoken version of this step cannot be played on this device yet.
quiz-listen-question = Listen to the question
quiz-listen-answer = Listen to the answer: { $answer }
quiz-listen-feedback = Listen to the explanation
quiz-counter = Question { $number } of { $count }
quiz-right = That’s right! Well done.
quiz-wrong = Not quite, and that’s fine. Let’s look again.
quiz-right-answer = The right answer: { $answer }
quiz-retry = Try this one again
quiz-next = Next question
quiz-finish = Finish the lesson
done-heading = You finished the lesson!
done-lesson = “{ $title }” is now recorded in your profile.
done-score = Right the first time: { $right } of { $count } questions.
done-more = Another lesson
done-learnt = See what I have learnt

## What I have learnt, and the certificate

learnt-heading = What I have learnt
learnt-summary = { $lessons ->
    [one] You have finished 1 lesson and mastered { $skills } of the { $basic } basic digital skills.
   *[other] You have finished { $lessons } lessons and mastered { $skills } of the { $basic } basic digital skills.
}
learnt-skills = Skills
learnt-mastered = Mastered
learnt-of = { $done }/{ $total } lessons
learnt-lessons = Lessons finished
learnt-none = You have not finished a lesson yet. Start one under Lessons.
learnt-certificate = See my certificate
certificate-heading = Certificate
certificate-given-to = This certifies that
certificate-place = { $village }, { $commune }
certificate-lessons = has finished { $count ->
    [one] 1 digital skills lesson
   *[other] { $count } digital skills lessons
}
certificate-skills = and mastered these skills:
certificate-list = Lessons finished
certificate-date = Date: { $date }
certificate-note = Show this screen to a commune officer or a volunteer to have it confirmed.
certificate-file-note = This records learning on the Làng Số app; a commune official or a volunteer can confirm it.
certificate-file-stem = certificate
certificate-save-picture = Save as a picture to send
certificate-save-pdf = Save as a PDF to print
certificate-saved = Saved to: { $path }
