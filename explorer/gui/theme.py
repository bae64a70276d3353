"""View › Theme: light, dark, or the system's. The palettes are explorer.core.palette's (checked for
contrast there); this module turns them into Qt palettes, applies the user's choice to the application
and remembers it in the settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from explorer.core.palette import DARK, LIGHT, THEMES, Theme
from explorer.gui.settings import app_settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyle

CHOICES = ("system", "light", "dark")
SETTING = "view/theme"
_system_style: str | None = None  # the platform's style, as the application started with it
_style: QStyle | None = None  # the theme's style (kept: the application does not own a Python object)


def chosen_theme() -> str:
    """The remembered choice: "system" (the default), "light" or "dark"."""
    value = str(app_settings().value(SETTING, "system"))
    return value if value in CHOICES else "system"


def remember_theme(choice: str) -> None:
    app_settings().setValue(SETTING, choice)


def current_theme() -> Theme:
    """The theme the application shows now: the dark one when its palette is dark (also a dark system
    palette), else the light one. The graph's colours follow it."""
    app = QGuiApplication.instance()
    if app is None:
        return LIGHT
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    return DARK if base.lightness() < 128 else LIGHT


def qt_palette(theme: Theme) -> QPalette:
    """A full Qt palette of ``theme`` (disabled text greyed as Qt's own palettes do)."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.window,
        QPalette.ColorRole.WindowText: theme.text,
        QPalette.ColorRole.Base: theme.base,
        QPalette.ColorRole.AlternateBase: theme.alternate_base,
        QPalette.ColorRole.ToolTipBase: theme.base,
        QPalette.ColorRole.ToolTipText: theme.text,
        QPalette.ColorRole.PlaceholderText: theme.placeholder,
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.Button: theme.button,
        QPalette.ColorRole.ButtonText: theme.text,
        QPalette.ColorRole.BrightText: theme.warning,
        QPalette.ColorRole.Highlight: theme.highlight,
        QPalette.ColorRole.HighlightedText: theme.highlighted_text,
        QPalette.ColorRole.Link: theme.link,
        QPalette.ColorRole.LinkVisited: theme.link,
        QPalette.ColorRole.Light: "#ffffff" if not theme.dark else "#4a4a4a",
        QPalette.ColorRole.Midlight: "#e0e0e0" if not theme.dark else "#3c3c3c",
        QPalette.ColorRole.Mid: "#b8b8b8" if not theme.dark else "#2e2e2e",
        QPalette.ColorRole.Dark: "#9f9f9f" if not theme.dark else "#1a1a1a",
        QPalette.ColorRole.Shadow: "#767676" if not theme.dark else "#0d0d0d",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    muted = QColor(theme.placeholder)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, muted)
    return palette


def apply_theme(choice: str) -> None:
    """Show the application in ``choice``: "light", "dark", or "system". An empty palette gives the
    application back to the platform's, which Qt then keeps following when the system switches."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    global _system_style
    if _system_style is None:
        _system_style = app.style().name()
    global _style
    if choice in THEMES:
        # (the style's module is imported here: QStyle's enums took 5 ms of the first frame in the system's theme)
        from explorer.gui.theme_style import ThemeStyle

        _style = ThemeStyle(THEMES[choice])
        app.setStyle(_style)
        QApplication.setPalette(qt_palette(THEMES[choice]))
    else:
        app.setStyle(_system_style)  # (the application drops the theme's style)
        QApplication.setPalette(QPalette())
        _style = None


def themed() -> bool:
    """Whether the application shows one of the explorer's themes (not the system's)."""
    return _style is not None


def build_theme_menu(window: QWidget, menu: QMenu) -> dict[str, QAction]:
    """View › Theme: System, Light, Dark (one checked: the remembered choice)."""
    sub = menu.addMenu("&Theme")
    group = QActionGroup(window)
    group.setExclusive(True)
    actions: dict[str, QAction] = {}
    chosen = chosen_theme()
    for choice, label in (("system", "&System"), ("light", "&Light"), ("dark", "&Dark")):
        action = sub.addAction(label)
        action.setCheckable(True)
        action.setChecked(choice == chosen)
        action.setStatusTip("Follow the system's light or dark palette" if choice == "system"
                            else f"Show the window in its {choice} colours, whatever the system's")
        action.triggered.connect(lambda _checked=False, c=choice: set_theme(c))
        group.addAction(action)
        actions[choice] = action
    return actions


def set_theme(choice: str) -> None:
    """The user chose a theme: show it, and remember it for the next start."""
    remember_theme(choice)
    apply_theme(choice)
