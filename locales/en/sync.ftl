## Syncing with the commune server or a volunteer's hub

sync-error-offline = Cannot reach the server. Your data is kept on this device and will sync when there is a connection.
sync-error-server = The server has a problem. Your data is safe on this device; the app will try again later.
sync-error-unauthorized = This device is not enrolled with the commune, or was revoked. Ask a commune official for a new join code.
sync-error-bad-code = The join code is wrong or no longer valid.
sync-error-malformed = The sync data was damaged and was refused; nothing was changed.
server-error-rate-limited = This device sent too many requests; wait a minute and try again.
server-error-bind = Cannot listen on { $address }: { $reason }
server-error-database-unreachable = The server cannot reach its database. Nothing was changed; try again later.
server-error-internal = The server could not finish this request; nothing was changed. Try again later.
server-error-target-not-empty = The PostgreSQL database to copy into already holds data; give an empty one.
server-error-unknown-commune = This commune was not found on the server.
server-error-device-enrolled = This device is already enrolled with this server. To join again with another role, use that same device (it still holds its enrollment key), not another one.
server-error-device-revoked = This device was revoked and cannot enroll again. Ask a commune official for help.
server-error-too-many-tries = Too many wrong join codes. Wait { $seconds } seconds and try again.
server-error-upload-type = This file is not a JPEG, PNG or WebP photo, so the server does not take it.
server-error-upload-size = The file is too large for the server.
server-error-upload-quota = This device has too many unfinished photo uploads; finish syncing, then send more.
server-error-code-limits = A join code works for 1 to { $days } days, for 1 to { $uses } devices.
server-error-not-found = The server has nothing at this address, or does not take this kind of request here; the app may need updating.
server-error-too-large = This request is too large for the server; nothing was changed.
server-error-no-file = The server has no such file for this device.
server-error-range = The part of the file asked for lies past its end; download it again from the start.
sync-status-synced = Synced at { $time }
sync-status-never = Not synced yet
sync-status-syncing = Syncing…
sync-status-waiting = { $count ->
    [one] 1 change waiting
   *[other] { $count } changes waiting
}
sync-now = Sync now
sync-not-enrolled = This device has not joined a commune yet. Enter the server address and the join code from a commune official or a volunteer.
enroll-server = Server address
enroll-code = Join code
enroll-submit = Join
hub-error-not-staff = Only a volunteer's or a commune official's device can be a session hub.
hub-heading = Sync point for the session
hub-explain = Phones on the same Wi-Fi sync with this device, even with no internet. When there is a connection, this device sends everything on to the commune server.
hub-start = Open the sync point
hub-stop = Close the sync point
hub-address = Address for phones
hub-code = Join code for { $role }: { $code }
hub-qr = QR code of the address
