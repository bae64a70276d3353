"""The reader's edit shortcuts, in a module of their own: the Edit menu's actions carry them from the first
frame, while the reader (explorer.gui.reader) is made after it."""

NEW_CLAIM_KEY = "Ctrl+Shift+N"
ADD_PASSAGE_KEY = "Ctrl+Shift+P"
