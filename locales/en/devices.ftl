## An official manages the commune's devices and join codes (the "Devices" tab)

tab-devices = Devices
devices-heading = The commune's devices
devices-intro = The devices that joined the commune. If someone loses a phone, revoke it so that nobody can use it to sync the commune's data any more.
devices-none = No device has joined the commune yet.
devices-this-device = This device
devices-last-sync = Last sync: { $when }
devices-never-synced = Last sync: never
devices-app-version = App version: { $version }
devices-app-version-unknown = App version: not known yet
devices-enrolled = Joined on { $date }
devices-via-hub = Joined through the class sync point { $hub }
devices-via-hub-unnamed = Joined through a class sync point
devices-revoked = Revoked on { $date }
devices-revoke = Revoke device
devices-revoke-title = Revoke “{ $name }” ({ $role })?
devices-revoke-explain = This device will no longer sync and can never join the commune again, not even with a new code. What it already sent is kept. This cannot be undone.
devices-revoke-yes = Revoke for good
devices-revoke-done = “{ $name }” was revoked.
devices-error-not-official = Only a commune official's device can manage devices and join codes.
devices-error-unknown-device = This device is not in the commune. Open the list of devices again.
devices-error-own-device = A device cannot revoke itself. Use another official's device.
devices-error-already-revoked = This device was revoked already.

## Join codes

codes-heading = Join codes
codes-intro = A newcomer types a join code on their device to join the commune with the role the code is for.
codes-new = Make a new join code
codes-role = Role of whoever uses the code
codes-days = Works for how many days (1 to { $max })
codes-uses = For how many devices (1 to { $max })
codes-make = Make the code
codes-made-heading = New join code
codes-made-note = Write this code down on paper now. It is shown only once: after you close it, nobody can see it again.
codes-made-details = For { $role }, works for { $uses } devices, until { $expires }.
codes-made-close = I have written it down
codes-none = The commune has no join codes yet.
codes-item = Code number { $id }
codes-role-line = For { $role }
codes-used = Used { $used } of { $uses } times
codes-made-on = Made on { $date }
codes-expires = Expires { $date }
codes-revoke = Revoke code
codes-revoke-title = Revoke code number { $id } ({ $role })?
codes-revoke-explain = Nobody will be able to join the commune with this code any more. Devices that already joined with it keep working.
codes-revoke-yes = Revoke the code
codes-revoke-done = Code number { $id } was revoked.
devices-error-unknown-code = This code is not in the commune. Open the list of codes again.
devices-error-code-already-revoked = This code was revoked already.
