"""The Qt-free core: config, targets, elevation, sign-in, sessions, secrets, lifecycle.

Nothing under this package may import PySide6 (a test enforces it). Modules are imported
lazily by the command line so that `elevate-tray credentials` stays fast.
"""
