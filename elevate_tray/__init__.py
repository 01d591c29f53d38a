"""elevate-tray: read-only by default, AWS admin for a few minutes with MFA."""

__version__ = "0.1.0"
APP_NAME = "elevate-tray"
