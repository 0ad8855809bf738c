## Terminal output of the app and tools

headless-no-display = No display was found (DISPLAY and WAYLAND_DISPLAY are not set), so the app window cannot open. The store at { $path } works; these are the lessons in it:
headless-lesson = { $position }. { $title } · { $topic } · { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
server-migrated = Copied into PostgreSQL: { $devices } devices, { $codes } join codes, { $blobs } files, { $changes } changes.
server-listening = The Làng Số server is running at { $address }; data in { $path }.
server-commune-created = Commune “{ $name }” created, id: { $id }
server-village-created = Village “{ $name }” added, id: { $id }
server-code-created = Join code for the { $role } role: { $code } (shown only once: write it down). Code id: { $id }; it enrolls up to { $uses } devices until { $expires }.
server-office-code-created = Office sign-in code: { $code } (shown only once). Type it on the server's /office page before { $expires }; it works once.
server-device-revoked = Device { $node } revoked; it can no longer sync.
server-code-listed = { $id } · { $role } · commune { $commune } · made { $created } · expires { $expires } · used { $used }/{ $uses } · { $state }
server-codes-none = There are no join codes yet.
server-code-state-active = active
server-code-state-expired = expired
server-code-state-used-up = used up
server-code-state-revoked = revoked
server-code-revoked = Code { $id } revoked; devices that already joined with it keep working.
server-code-unknown = There is no active code { $id }.
server-device-unknown = There is no active device { $node }.
server-pack-published = Lesson pack version { $version } published ({ $applied } new changes).
server-publisher-key = A publisher's key was made in { $path } (keep it secret and out of the repository). Public key: { $key }
server-pack-signed = Lesson pack version { $version } signed: { $path }
cli-enrolled = This device joined the server { $server } as { $role }.
cli-not-enrolled = This device has not joined any server yet. Use “langso enroll” with a join code from a commune official.
cli-synced = Synced with { $server }: sent { $pushed }, received { $pulled }, refused { $rejected }.
cli-status = { $server }: { $waiting } changes waiting to be sent; last sync: { $last }.
cli-hub-listening = This laptop is the sync point for the session at { $address }. Phones on the same Wi-Fi connect to this address.
cli-hub-code = Join code for the { $role } role: { $code }
server-demo-ready = The demo commune “{ $name }” is ready; fresh join codes for each role are in { $path }.
