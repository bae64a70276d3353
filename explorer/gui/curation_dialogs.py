"""The dialogs of curation: a claim (new or edited), an actor, a passage for an existing claim, a merge.

They receive plain core records and return plain values (IRIs, strings, the application layer's
:class:`~explorer.app.curation.ActorSpec` for an actor to be created, :class:`~explorer.app.curation.ClaimForm`);
explorer.app.curation turns those into commands. Nothing here touches RDF.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from explorer.app.curation import ActorChoice, ActorSpec, ClaimForm
from explorer.core.curation import KIND_CLASSES, parse_event_date
from explorer.core.errors import ExplorerError
from explorer.core.knowledge import KnowledgeBase, fold
from explorer.core.model import Actor, Article, Claim, Relation
from explorer.core.weight import FACTUALITIES, factuality_name
from explorer.gui.dialog_buttons import ok_cancel
from explorer.gui.style import KIND_ORDER, kind_icon, plain_tooltip, warning_colour

IRI_ROLE = Qt.ItemDataRole.UserRole + 1
QUOTE_CHARS = 420
KINDS = [k for k in KIND_ORDER if k in KIND_CLASSES]
NOBODY = "(not attributed)"


def _error_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setObjectName("dialogError")
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, warning_colour())
    label.setPalette(palette)
    label.hide()
    return label


def _completer(model: QStandardItemModel, parent: QWidget) -> QCompleter:
    completer = QCompleter(model, parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setCompletionRole(Qt.ItemDataRole.DisplayRole)
    return completer


# ============================================================================ actors


class ActorField(QWidget):
    """Pick an actor by name or any other name it goes by (with completion), or describe a new one."""

    changed = Signal()

    def __init__(self, actors: Sequence[Actor], name: str, allow_new: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actors = {a.iri: a for a in actors}
        self.pending: ActorSpec | None = None
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setAccessibleName(name)
        self.combo.setMinimumContentsLength(24)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.lineEdit().setPlaceholderText("type a name or another name it goes by")
        ordered = sorted(actors, key=lambda a: a.label.casefold())
        for actor in ordered:
            self.combo.addItem(kind_icon(actor.kind, 16, self.palette()), actor.label, actor.iri)
            index = self.combo.count() - 1
            tip = actor.kind + (f"\nalso called: {', '.join(actor.aliases)}" if actor.aliases else "")
            self.combo.setItemData(index, plain_tooltip(tip), Qt.ItemDataRole.ToolTipRole)
        self.names = QStandardItemModel(self)
        self._by_name: dict[str, str] = {}
        for actor in ordered:
            for alias in actor.names():
                text = alias if alias == actor.label else f"{alias} → {actor.label}"
                item = QStandardItem(kind_icon(actor.kind, 16, self.palette()), text)
                item.setData(actor.iri, IRI_ROLE)
                self.names.appendRow(item)
                self._by_name.setdefault(fold(alias), actor.iri)
                self._by_name.setdefault(fold(text), actor.iri)
        # On the line edit, not the combo: the combo would read a completion's row as one of its own rows.
        self.completer = _completer(self.names, self)
        self.combo.lineEdit().setCompleter(self.completer)
        self.completer.activated[QModelIndex].connect(self._completed)
        self.combo.setCurrentIndex(-1)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.combo.editTextChanged.connect(lambda _t: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        self.new_button: QPushButton | None = None
        if allow_new:
            self.new_button = QPushButton("New Actor…")
            self.new_button.setToolTip("Describe an actor that is not in the graph yet")
            self.new_button.clicked.connect(self.ask_new)
            layout.addWidget(self.new_button)

    def _completed(self, index: QModelIndex) -> None:
        iri = index.data(IRI_ROLE)
        if iri:  # after the line edit has taken the completion's text, show the actor's own name
            QTimer.singleShot(0, self, lambda: self.set_actor(iri))

    def set_actor(self, iri: str | None) -> None:
        row = self.combo.findData(iri) if iri else -1
        self.combo.setCurrentIndex(row)
        if row < 0:
            self.combo.setEditText("")

    def ask_new(self) -> None:
        typed = self.combo.currentText().strip()
        dialog = ActorDialog(self, label="" if self.choice() else typed)
        if run_dialog(dialog):
            self.set_new(dialog.spec())

    def set_new(self, spec: ActorSpec) -> None:
        """Choose an actor that does not exist yet (it is created with the claim)."""
        self.pending = spec
        key = "new:" + spec.label
        row = self.combo.findData(key)
        if row < 0:
            self.combo.addItem(kind_icon(spec.kind, 16, self.palette()), f"{spec.label} (new {spec.kind})", key)
            row = self.combo.count() - 1
        self.combo.setCurrentIndex(row)

    def choice(self) -> ActorChoice | None:
        """The chosen actor's IRI, a new actor to create, or None when the text names no actor."""
        row = self.combo.currentIndex()
        text = self.combo.currentText().strip()
        if row >= 0 and text == self.combo.itemText(row):
            data = self.combo.itemData(row)
            if isinstance(data, str) and data.startswith("new:"):
                return self.pending
            return data
        return self._by_name.get(fold(text)) if text else None


class ActorDialog(QDialog):
    """A new actor, or an actor's name, kind, other names, role and description."""

    def __init__(self, parent: QWidget | None = None, actor: Actor | None = None, label: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("actorDialog")
        self.setWindowTitle("Edit Actor" if actor else "New Actor")
        self.label_edit = QLineEdit(actor.label if actor else label)
        self.label_edit.setPlaceholderText("the name to show, e.g. Nikol Pashinyan")
        self.kind_combo = QComboBox()
        for kind in KINDS:
            self.kind_combo.addItem(kind_icon(kind, 16, self.palette()), kind, kind)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(actor.kind if actor else "person"), 0))
        self.aliases_edit = QLineEdit(", ".join(actor.aliases) if actor else "")
        self.aliases_edit.setPlaceholderText("other names, separated by commas")
        self.role_edit = QLineEdit(actor.role or "" if actor else "")
        self.role_edit.setPlaceholderText("for a person: the office held at the time of the articles")
        self.description_edit = QPlainTextEdit(actor.description or "" if actor else "")
        self.description_edit.setPlaceholderText("optional: one sentence on who or what this is")
        self.description_edit.setFixedHeight(64)
        self.error = _error_label()
        form = QFormLayout()
        form.addRow("&Name:", self.label_edit)
        form.addRow("&Kind:", self.kind_combo)
        form.addRow("&Other names:", self.aliases_edit)
        form.addRow("&Role:", self.role_edit)
        form.addRow("&Description:", self.description_edit)
        buttons = ok_cancel(self, "Save Actor" if actor else "Create Actor")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def spec(self) -> ActorSpec:
        aliases = tuple(a.strip() for a in self.aliases_edit.text().split(",") if a.strip())
        return ActorSpec(self.label_edit.text().strip(), self.kind_combo.currentData(), aliases,
                         self.role_edit.text().strip() or None,
                         self.description_edit.toPlainText().strip() or None)

    def accept(self) -> None:
        if not self.label_edit.text().strip():
            self.error.setText("An actor needs a name.")
            self.error.show()
            self.label_edit.setFocus()
            return
        super().accept()


# ============================================================================ claims


class RelationField(QWidget):
    """The vocabulary's relations by category, and what the chosen one means."""

    def __init__(self, kb: KnowledgeBase, relations: Sequence[Relation], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kb = kb
        self.relations = {r.iri: r for r in relations}
        self.combo = QComboBox()
        self.combo.setAccessibleName("relation")
        self.combo.setMaxVisibleItems(24)
        model = QStandardItemModel(self.combo)
        bold = QFont()
        bold.setBold(True)
        category = None
        for relation in relations:
            if relation.category != category:
                category = relation.category
                head = QStandardItem(kb.label(category).upper())
                head.setFlags(Qt.ItemFlag.NoItemFlags)
                head.setFont(bold)
                model.appendRow(head)
            item = QStandardItem(relation.label + (" ↔" if relation.symmetric else ""))
            item.setData(relation.iri, IRI_ROLE)
            item.setToolTip(plain_tooltip(relation.comment or relation.label))
            model.appendRow(item)
        self.combo.setModel(model)
        self.combo.setCurrentIndex(-1)
        self.description = QLabel("Choose how the subject relates to the object.")
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.description.setObjectName("relationDescription")
        self.description.setMinimumHeight(self.description.fontMetrics().lineSpacing() * 2)
        self.combo.currentIndexChanged.connect(self._describe)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.description)

    def relation(self) -> str | None:
        data = self.combo.currentData(IRI_ROLE)
        return data if isinstance(data, str) else None

    def set_relation(self, iri: str | None) -> None:
        row = self.combo.findData(iri, IRI_ROLE) if iri else -1
        self.combo.setCurrentIndex(row)

    def _describe(self) -> None:
        relation = self.relations.get(self.relation() or "")
        if relation is None:
            self.description.setText("Choose how the subject relates to the object.")
            return
        lines = [relation.comment or relation.label,
                 f"Category: {self.kb.label(relation.category)}"
                 + (" · works both ways (no arrow)" if relation.symmetric else "")]
        self.description.setText("\n".join(lines))


def suggest_actors(kb: KnowledgeBase, quote: str) -> list[str]:
    """Actors named in a quote (by label or other name), in the order they first occur."""
    found: dict[str, int] = {}
    lowered = quote.casefold()
    for actor in kb.actors.values():
        for name in actor.names():
            if len(name) < 3:
                continue
            at = lowered.find(name.casefold())
            if at >= 0 and (actor.iri not in found or at < found[actor.iri]):
                found[actor.iri] = at
    return sorted(found, key=lambda iri: found[iri])


class ClaimDialog(QDialog):
    """New Claim from Selection (with the passage shown), or Edit Claim."""

    def __init__(self, kb: KnowledgeBase, relations: Sequence[Relation], attributions: Sequence[tuple[str, str]],
                 parent: QWidget | None = None, *, quote: str | None = None, article: Article | None = None,
                 span: tuple[int, int] | None = None, claim: Claim | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("claimDialog")
        self.kb = kb
        self.editing = claim
        self.setWindowTitle("Edit Claim" if claim else "New Claim from Selection")
        actors = list(kb.actors.values())
        self.subject = ActorField(actors, "subject actor")
        self.object = ActorField(actors, "object actor")
        self.relation = RelationField(kb, relations)
        self.date_edit = QLineEdit(claim.event_date or "" if claim else "")
        self.date_edit.setPlaceholderText("optional: 2020, 2020-10 or 2020-10-10")
        self.date_edit.setAccessibleName("event date")
        self.said_by = QComboBox()
        self.said_by.setEditable(True)
        self.said_by.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.said_by.setAccessibleName("attribution")
        self.said_by.addItem(NOBODY, None)
        for iri, label in attributions:
            self.said_by.addItem(label, iri)
        names = QStandardItemModel(self)
        for iri, label in attributions:
            item = QStandardItem(label)
            item.setData(iri, IRI_ROLE)
            names.appendRow(item)
        self.said_by.setCompleter(_completer(names, self.said_by))
        # how surely the passage states the claim: a hedge, plan, condition or denial is never a fact
        self.how_sure = QComboBox()
        self.how_sure.setAccessibleName("factuality")
        for iri in FACTUALITIES:
            self.how_sure.addItem(factuality_name(iri), iri)
        self.how_sure.setToolTip("Asserted: stated as fact. Probable: 'likely', 'almost certainly'. Possible: 'may', "
                                 "'could'. Planned: 'expected to', 'will'. Conditional: 'if…'. Negated: the text says "
                                 "it did not happen or is not so.")
        self.error = _error_label()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if quote is not None:
            shown = quote if len(quote) <= QUOTE_CHARS else quote[: QUOTE_CHARS - 1] + "…"
            self.quote_label = QLabel(f"“{shown}”")
            self.quote_label.setTextFormat(Qt.TextFormat.PlainText)
            self.quote_label.setWordWrap(True)
            self.quote_label.setObjectName("quote")
            italic = self.quote_label.font()
            italic.setItalic(True)
            self.quote_label.setFont(italic)
            where = QLabel(
                (article.title if article else "")
                + (f" · characters {span[0]}–{span[1]}" if span else "")
            )
            where.setTextFormat(Qt.TextFormat.PlainText)
            where.setWordWrap(True)
            where.setEnabled(False)
            box = QVBoxLayout()
            box.addWidget(self.quote_label)
            box.addWidget(where)
            form.addRow("Passage:", box)
        form.addRow("&Subject:", self.subject)
        form.addRow("&Relation:", self.relation)
        form.addRow("&Object:", self.object)
        form.addRow("Event &date:", self.date_edit)
        if claim is None:
            form.addRow("Said &by:", self.said_by)
            form.addRow("How s&ure:", self.how_sure)
        buttons = ok_cancel(self, "Save Claim" if claim else "Create Claim")
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if claim is not None:
            self.subject.set_actor(claim.subject)
            self.object.set_actor(claim.object)
            self.relation.set_relation(claim.predicate)
        elif quote:
            named = suggest_actors(kb, quote)
            if named:
                self.subject.set_actor(named[0])
            if len(named) > 1:
                self.object.set_actor(named[1])
        self.resize(620, self.sizeHint().height())

    def form(self) -> ClaimForm:
        subject, obj = self.subject.choice(), self.object.choice()
        predicate = self.relation.relation()
        if subject is None or obj is None or predicate is None:
            raise ExplorerError("choose a subject, a relation and an object")
        row = self.said_by.currentIndex()
        said = self.said_by.currentText().strip()
        asserted = None
        if said and said != NOBODY:
            if row >= 0 and said == self.said_by.itemText(row):
                asserted = self.said_by.itemData(row)
            else:
                match = self.said_by.findText(said, Qt.MatchFlag.MatchFixedString)
                if match < 0:
                    raise ExplorerError(f"{said!r} is not a known person or organisation: choose one from the list")
                asserted = self.said_by.itemData(match)
        date = self.date_edit.text().strip() or None
        parse_event_date(date)
        return ClaimForm(subject, predicate, obj, date, asserted, self.how_sure.currentData())

    def accept(self) -> None:
        try:
            self.form()
        except ExplorerError as exc:
            self.error.setText(str(exc).capitalize() + ".")
            self.error.show()
            return
        super().accept()


class PassageDialog(QDialog):
    """Add the selected words as another passage of an existing claim."""

    def __init__(self, kb: KnowledgeBase, attributions: Sequence[tuple[str, str]], quote: str,
                 current: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passageDialog")
        self.setWindowTitle("Add Passage to Claim")
        self.claims = QComboBox()
        self.claims.setEditable(True)
        self.claims.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.claims.setAccessibleName("claim")
        names = QStandardItemModel(self)
        described = sorted(
            ((kb.describe(c), c.iri) for c in kb.claims.values() if c.has_statement),
            key=lambda d: (d[0].casefold(), d[1]))
        for text, iri in described:
            label = text + (f" ({kb.claims[iri].event_date})" if kb.claims[iri].event_date else "")
            self.claims.addItem(label, iri)
            item = QStandardItem(label)
            item.setData(iri, IRI_ROLE)
            names.appendRow(item)
        self.claims.setCompleter(_completer(names, self.claims))
        with QSignalBlocker(self.claims):
            self.claims.setCurrentIndex(self.claims.findData(current) if current else -1)
        self.said_by = QComboBox()
        self.said_by.addItem(NOBODY, None)
        for iri, label in attributions:
            self.said_by.addItem(label, iri)
        quote_label = QLabel("“" + (quote if len(quote) <= QUOTE_CHARS else quote[: QUOTE_CHARS - 1] + "…") + "”")
        quote_label.setTextFormat(Qt.TextFormat.PlainText)
        quote_label.setWordWrap(True)
        self.error = _error_label()
        form = QFormLayout()
        form.addRow("Passage:", quote_label)
        form.addRow("&Claim:", self.claims)
        form.addRow("Said &by:", self.said_by)
        buttons = ok_cancel(self, "Add Passage")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    def claim(self) -> str | None:
        row = self.claims.currentIndex()
        if row >= 0 and self.claims.currentText() == self.claims.itemText(row):
            return self.claims.itemData(row)
        return None

    def asserted_by(self) -> str | None:
        return self.said_by.currentData()

    def accept(self) -> None:
        if self.claim() is None:
            self.error.setText("Choose the claim these words support.")
            self.error.show()
            return
        super().accept()


class MergeDialog(QDialog):
    """Merge an actor into another that turns out to be the same."""

    def __init__(self, kb: KnowledgeBase, drop: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle("Merge Actors")
        others = [a for a in kb.actors.values() if a.iri != drop.iri]
        self.keep = ActorField(others, "actor to keep", allow_new=False)
        text = QLabel(
            f"Every claim of “{drop.label}” moves to the actor chosen below; “{drop.label}” "
            "and its other names become that actor's other names, and it disappears from the graph."
        )
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        self.error = _error_label()
        form = QFormLayout()
        form.addRow("Merge &into:", self.keep)
        buttons = ok_cancel(self, "Merge")
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def target(self) -> str | None:
        choice = self.keep.choice()
        return choice if isinstance(choice, str) else None

    def accept(self) -> None:
        if self.target() is None:
            self.error.setText("Choose the actor to keep.")
            self.error.show()
            return
        super().accept()


def run_dialog(dialog: QDialog) -> bool:
    """Show a modal dialog and say whether the user accepted it (tests replace this to answer for them)."""
    return dialog.exec() == QDialog.DialogCode.Accepted
