"""The Qt window. Widgets call ``desktop.services`` and never touch the database directly."""
