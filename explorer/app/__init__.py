"""The application layer: what the user is looking at and the rules of every action, without Qt.

``session.Session`` owns the knowledge, its sources, the filters and what they let through, the
selection, the focus, the paths and the validation report, and announces one change per action;
``present`` says what the panels and the status bar show; ``opening`` holds the long work (loading,
layout, connecting) that the GUI's job runner runs; ``curation`` decides how edits become commands and
files. The GUI observes a session and never decides these things itself (import-linter forbids
PySide6 and explorer.gui here).
"""
