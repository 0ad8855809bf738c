## An official's device manages the commune's devices and join codes: why the server refuses

devices-error-not-official = Only a commune official's device can manage devices and join codes.
devices-error-unknown-device = This device is not in the commune. Open the list of devices again.
devices-error-own-device = A device cannot revoke itself. Use another official's device.
devices-error-already-revoked = This device was revoked already.
devices-error-unknown-code = This code is not in the commune. Open the list of codes again.
devices-error-code-already-revoked = This code was revoked already.
