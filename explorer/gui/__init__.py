"""The Qt layer: windows, panels and item models over the Qt-free core (see explorer.core)."""
