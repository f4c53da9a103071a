"""PySide6 user interface: windows, widgets and the workers that run engines off the GUI thread."""
