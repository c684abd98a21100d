"""The Qt window. Widgets call ``desktop.services`` and never touch the database directly."""

from desktop.ui.pyside_startup import skip_feature_scan

skip_feature_scan()
