## Terminal output of the app and tools

headless-no-display = No display was found (DISPLAY and WAYLAND_DISPLAY are not set), so the app window cannot open. The store at { $path } works; these are the lessons in it:
headless-lesson = { $position }. { $title } · { $topic } · { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
