## Errors a person may see

error-storage = The data on this device could not be read or saved. Please reopen the app; if it happens again, ask a volunteer for help.
error-unknown-language = The app does not have the language “{ $language }” yet.
error-internal = The app ran into an unexpected problem. Your data is safe; please reopen the app.

## Lesson pack problems (shown to the people who write and publish lessons)

pack-error-missing = The lesson pack is missing the file { $file }.
pack-error-syntax = { $file } has a syntax error: { $detail }
pack-error-missing-translation = { $file }: { $field } has no “{ $language }” text.
pack-error-unknown-language = { $file }: { $field } uses the language “{ $language }”, which has no folder in locales/.
pack-error-bad-text = { $file }: { $field } is empty or too long.
pack-error-out-of-range = { $file }: { $field } is out of range.
pack-error-bad-id = { $file }: the id “{ $id }” is not a UUIDv7.
pack-error-duplicate = { $file }: “{ $value }” is used twice.
error-data-dir = The data folder { $path } could not be created. Please check that the device has free storage.
error-pack-unsigned = The lesson pack that came with the app does not carry a valid publisher's signature. Please reinstall the app from its official source.
pack-error-correct-choice = { $file }: question { $question } must have exactly one correct answer.
pack-error-too-few-lessons = pack.toml: the basic skill { $topic } is taught by { $lessons } lessons; it needs at least { $needed }.
pack-error-broken-asset = { $file }: { $field } refers to “{ $path }”, which is missing, too big, outside the lesson folder or not a picture or sound file of a known type.

## The person using the app

error-no-profile = Please choose your profile first.
error-staff-only = Only a volunteer or a commune official can do this. Please open their profile.
error-farmer-only = Only a farmer who has chosen their village can do this. Please open their profile.
error-official-only = Only a commune official can see this. Please open their profile.
error-not-seller-device = This device did not join the commune with a farmer's code, so it cannot list products. Please use the farmer's own phone, or ask a commune official for a farmer's code.
photo-error-unreadable = This photo cannot be read. Please choose a JPEG, PNG or WebP picture.
photo-error-too-large = This photo is too large. Please choose one under 40 MB.
error-role-not-enrolled = A volunteer’s or official’s profile can only be made on a device that joined the commune in that role.
error-pin-wait = Too many wrong PINs. Please wait { $seconds } seconds and try again.
error-save-failed = The file could not be saved in { $path }. Please check that the device has free storage.
