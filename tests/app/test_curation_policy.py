"""The rules of curation, without Qt: what is curated, the commands a form makes and their names, when Save
asks for a name and where it may not write, one validation at a time, the questions asked, and where new
actors go. Documents are made on private copies of the bundled data (tests never write into resources/)."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from curation_policy_helpers import A003, ACTOR, CLAIM, CX, copy_curated

from explorer.app import curation as policy
from explorer.app.curation import ActorSpec as Spec
from explorer.app.curation import ClaimForm as Form
from explorer.app.edit_actions import EditActions, edit_actions
from explorer.core import curation as core
from explorer.core.loading import load_knowledge
from explorer.core.store import OxigraphStore
from explorer.resources import bundled_files

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def data_files(tmp_path: Path) -> list[Path]:
    return copy_curated(tmp_path / "data")


@pytest.fixture()
def doc(data_files: list[Path]) -> core.Document:
    return core.Document.from_files(data_files)


def pusher(doc: core.Document, pushed: list[core.Command]):
    """Push as the undo stack does: plan, apply, and say what to show (None when nothing changed)."""

    def push(command: core.Command) -> str | None:
        change = command.plan(doc)
        if not change:
            return None
        doc.apply(change)
        pushed.append(command)
        return command.result or ""

    return push


def quote(doc: core.Document, words: str) -> tuple[int, int]:
    start = doc.kb.article_text(A003).index(words)
    return start, start + len(words)


# ---------------------------------------------------------------- what is curated


def test_a_graph_opened_from_files_rewrites_those_files(kb, data_files) -> None:
    assert policy.curation_source(kb, data_files) == (data_files, False)


def test_the_bundled_graph_is_the_bundled_data(kb) -> None:
    assert [p.resolve() for p in kb.sources] == [p.resolve() for p in bundled_files()]
    assert policy.curation_source(kb, []) == ([], True)


def test_without_sources_the_files_the_graph_was_read_from_are_curated(data_files) -> None:
    loaded = load_knowledge(data_files[:3])
    files, bundled = policy.curation_source(loaded, [])
    assert files == [p.resolve() for p in data_files[:3]] and not bundled


def test_a_graph_not_read_from_files_is_not_curated() -> None:
    class Remote:  # a lazily loaded source (Expandable), even one that keeps what it fetched in a local store
        store = OxigraphStore()
        sources: tuple[Path, ...] = ()

        def expand(self, actor: str, *, progress=None, should_cancel=None) -> bool:
            return True

        def expansion_state(self, actor: str) -> tuple[int, int, bool]:
            return 1, 2, False

    assert policy.curation_source(Remote(), [Path("x.ttl")]) == (None, False)
    nothing = SimpleNamespace(store=OxigraphStore(), sources=[])  # built in memory: no file to rewrite
    assert policy.curation_source(nothing, []) == (None, False)


# ---------------------------------------------------------------- forms and commands


def test_the_undo_step_names_the_form_with_the_new_actors_names(kb) -> None:
    form = Form(ACTOR + "Turkiye", CX + "supports", Spec("Volodymyr Zelenskyy", "person"))
    assert policy.form_text(kb, form) == "Türkiye supports Volodymyr Zelenskyy"
    made = policy.new_claim_commands(kb, form, A003, 0, 5)
    assert made.text == "New Claim “Türkiye supports Volodymyr Zelenskyy”"
    edited = policy.edit_claim_commands(kb, form, CLAIM + "Russia_leads_CSTO")
    assert edited.text == "Edit Claim “Türkiye supports Volodymyr Zelenskyy”"


def test_new_actors_are_made_first_and_the_claim_uses_their_iris(doc) -> None:
    zelenskyy = Spec("Volodymyr Zelenskyy", "person", ("the Ukrainian president",))
    form = Form(zelenskyy, CX + "headOfStateOf", ACTOR + "Ukraine", "2023", None)
    start, end = quote(doc, "Ukrainian President Volodymyr Zelensky")
    made = policy.new_claim_commands(doc.kb, form, A003, start, end)
    assert made.new_actors == (zelenskyy,)
    pushed: list[core.Command] = []
    claim = made.run(pusher(doc, pushed))
    assert [type(c).__name__ for c in pushed] == ["NewActor", "NewClaim"]
    actor = pushed[0].result
    assert actor == ACTOR + "VolodymyrZelenskyy"
    kb = doc.kb
    assert kb.actors[actor].kind == "person" and kb.actors[actor].aliases == ("the Ukrainian president",)
    record = kb.claims[claim]
    assert (record.subject, record.predicate, record.object) == (actor, CX + "headOfStateOf", ACTOR + "Ukraine")
    assert record.event_date == "2023"


def test_one_actor_described_for_both_ends_is_made_once(doc) -> None:
    same = Spec("Somebody", "person")
    made = policy.commands_for_form(same, same, "Edit Claim “x”", lambda s, o: core.EditClaim("c", s, None, o))
    assert made.new_actors == (same,)
    two = policy.commands_for_form(Spec("B", "person"), Spec("A", "person"), "t", lambda s, o: core.DeleteClaim(s))
    assert [s.label for s in two.new_actors] == ["B", "A"]  # subject first


def test_a_form_of_existing_actors_is_one_command(doc) -> None:
    form = Form(ACTOR + "Turkiye", CX + "supports", ACTOR + "Ukraine")
    start, end = quote(doc, "Ukraine and Türkiye")
    made = policy.new_claim_commands(doc.kb, form, A003, start, end)
    assert made.new_actors == () and made.actor_commands() == []
    pushed: list[core.Command] = []
    claim = made.run(pusher(doc, pushed))
    assert len(pushed) == 1 and claim in doc.kb.claims
    assert doc.kb.claims[claim].subject == ACTOR + "Turkiye"


def test_an_edit_form_without_a_date_clears_the_claims_date(doc) -> None:
    claim = CLAIM + "SergeiLavrov_visits_Azerbaijan_2023"
    old = doc.kb.claims[claim]
    assert old.event_date
    form = Form(old.subject, old.predicate, old.object, None)
    result = policy.edit_claim_commands(doc.kb, form, claim).run(pusher(doc, []))
    assert result in doc.kb.claims and not doc.kb.claims[result].event_date


def test_a_failing_command_stops_the_run(doc) -> None:
    form = Form(Spec("Somebody New", "person"), CX + "noSuchRelation", ACTOR + "Ukraine")
    pushed: list[core.Command] = []
    from explorer.core.errors import ExplorerError

    with pytest.raises(ExplorerError, match="noSuchRelation"):
        policy.new_claim_commands(doc.kb, form, A003, *quote(doc, "Ukraine and Türkiye")).run(pusher(doc, pushed))
    assert [type(c).__name__ for c in pushed] == ["NewActor"]  # the caller takes this one back


def test_messages_of_undo_steps() -> None:
    assert policy.step_title("New Claim “Türkiye supports Ukraine”") == "New Claim"
    assert policy.step_title("Delete Claim") == "Delete Claim"
    assert policy.step_title(" “odd”") == "Cannot edit"
    assert policy.undo_hint("Edit Actor “X”") == "Edit Actor “X” (Edit > Undo takes it back)"
    assert policy.actor_deleted(1) == "Actor deleted with 1 claim (Edit > Undo brings them back)."
    assert policy.actor_deleted(0) == "Actor deleted with 0 claims (Edit > Undo brings them back)."


# ---------------------------------------------------------------- which actions apply


def test_edit_actions_apply_to_what_is_selected(kb) -> None:
    claim = CLAIM + "Russia_leads_CSTO"
    off = edit_actions(kb, False, text_selected=True, claim=claim, evidence="e", actor=ACTOR + "Russia")
    assert off == EditActions(validate=True)  # not curated here: only Validate
    assert edit_actions(None, True, text_selected=True, claim=None, evidence=None, actor=None) == EditActions()
    on = edit_actions(kb, True, text_selected=False, claim=claim, evidence=None, actor=None)
    assert on == EditActions(edit_claim=True, delete_claim=True, new_actor=True, save=True, validate=True)
    words = edit_actions(kb, True, text_selected=True, claim=None, evidence="e", actor=ACTOR + "Russia")
    assert words.new_claim and words.add_passage and words.remove_passage and words.actor
    assert not words.edit_claim and not words.delete_claim
    plain = SimpleNamespace(claims={"t": SimpleNamespace(has_statement=False)})  # a bare triple: no statement
    bare = edit_actions(plain, True, text_selected=False, claim="t", evidence=None, actor=None)
    assert bare.delete_claim and not bare.edit_claim


# ---------------------------------------------------------------- saving


def test_save_asks_for_a_name_for_the_bundled_data_and_files_it_cannot_rewrite(doc, data_files) -> None:
    assert policy.needs_name(None, bundled=True)
    assert not policy.needs_name(None, bundled=False)
    assert not policy.needs_name(doc, bundled=False)  # nothing changed in files it may rewrite
    policy.new_claim_commands(doc.kb, Form(ACTOR + "Turkiye", CX + "supports", ACTOR + "Ukraine"), A003,
                              *quote(doc, "Ukraine and Türkiye")).run(pusher(doc, []))
    assert doc.changed_files() and not policy.needs_name(doc, bundled=False)
    doc.bundled = True  # the same change in the bundled data
    assert policy.needs_name(doc, bundled=True)
    for file in doc.files:
        doc.mark_saved(file)
    assert policy.needs_name(doc, bundled=True), "the bundled data, even unchanged, is saved under a new name"


def test_nothing_to_save_only_before_the_files_are_read(doc) -> None:
    assert policy.nothing_to_save(False, None, False)
    assert not policy.nothing_to_save(True, None, False)
    assert not policy.nothing_to_save(False, doc, False)
    assert not policy.nothing_to_save(False, None, True)
    assert policy.saved_message([]) == "Nothing to save: no file has changed."
    assert policy.saved_message([Path("/a/claims.ttl"), Path("/b/actors.ttl")]) == "Saved claims.ttl, actors.ttl"


def test_save_as_offers_the_first_files_name_as_turtle_and_adds_the_extension(tmp_path) -> None:
    assert policy.default_save_name([Path("/x/claims-a003.trig"), Path("/x/b.ttl")]) == "claims-a003.ttl"
    assert policy.default_save_name([]) == "curated-claims.ttl"
    assert policy.save_as_path(tmp_path / "mine") == tmp_path / "mine.ttl"
    assert policy.save_as_path(tmp_path / "mine.nt") == tmp_path / "mine.nt"


def test_save_as_refuses_the_installed_programs_data(monkeypatch, tmp_path) -> None:
    installed = tmp_path / "site-packages" / "explorer" / "_bundled"

    def is_installed_bundle(path: Path) -> bool:  # as in a wheel: the data is carried inside the package
        return installed in Path(path).resolve().parents

    monkeypatch.setattr(core, "is_installed_bundle", is_installed_bundle)
    assert policy.save_refusal(installed / "resources" / "data" / "claims.ttl") == (
        "Cannot save here", "These are the data files of the installed program: choose another folder.")
    assert policy.save_refusal(tmp_path / "mine.ttl") is None
    monkeypatch.undo()
    assert policy.save_refusal(ROOT / "resources" / "data" / "claims.ttl") is None  # a checkout is not installed


# ---------------------------------------------------------------- validation


def test_validation_messages() -> None:
    assert policy.validation_message(SimpleNamespace(problems=[1])) == (
        "Validation found 1 problem: see the list below.")
    assert policy.validation_message(SimpleNamespace(problems=[1, 2])) == (
        "Validation found 2 problems: see the list below.")
    assert policy.validation_message(SimpleNamespace(problems=[])) == "Validation found no problems."


# ---------------------------------------------------------------- questions


def test_the_unsaved_changes_question_names_the_changed_files() -> None:
    assert policy.unsaved_question([Path("/d/claims-a003.ttl"), Path("/d/actors.ttl")], "closing") == (
        "The curation has unsaved changes (claims-a003.ttl, actors.ttl). Save them before closing?")
    assert policy.unsaved_question([], "opening another graph") == (
        "The curation has unsaved changes (new claims). Save them before opening another graph?")


def test_the_recovery_question_says_which_files_how_many_claims_and_when() -> None:
    written = time.mktime((2024, 3, 5, 14, 7, 30, 0, 0, -1))
    recovery = SimpleNamespace(written=written, changed=[Path("/d/claims-a003.ttl"), Path("/d/actors.ttl")],
                               claims=412)
    assert policy.recovery_question(recovery) == (
        "explorer did not close properly last time. Its curation of claims-a003.ttl, actors.ttl "
        "(412 claims, autosaved 05 Mar 2024 14:07) was not saved.\n\nRestore it?")
    bundled = SimpleNamespace(written=written, changed=[], claims=3)
    assert "Its curation of the bundled graph (3 claims," in policy.recovery_question(bundled)


def test_the_recovery_question_of_a_real_autosave(doc, tmp_path) -> None:
    policy.new_claim_commands(doc.kb, Form(ACTOR + "Turkiye", CX + "supports", ACTOR + "Ukraine"), A003,
                              *quote(doc, "Ukraine and Türkiye")).run(pusher(doc, []))
    core.write_recovery(doc, tmp_path / "recovery", "s1")
    (found,) = core.find_recoveries(tmp_path / "recovery")
    text = policy.recovery_question(found)
    assert f"Its curation of claims-a003.ttl ({len(doc.kb.claims)} claims, autosaved " in text


# ---------------------------------------------------------------- where new actors go


class Graph:
    """Actors and claims, as much of a knowledge base as placing new actors reads."""

    def __init__(self, actors: list[str], claims: list[tuple[str, str]]) -> None:
        self.actors = dict.fromkeys(actors)
        self.claims = [SimpleNamespace(subject=s, object=o) for s, o in claims]

    def claims_of(self, actor: str) -> list[SimpleNamespace]:
        return [c for c in self.claims if actor in (c.subject, c.object)]


def test_new_actors_go_near_their_neighbours_or_the_middle_of_the_view() -> None:
    graph = Graph(["a", "new", "b", "c", "alone"], [("new", "a"), ("b", "new"), ("a", "c")])
    old = {"a": (0.0, 0.0), "b": (100.0, 0.0), "c": (50.0, 80.0)}
    placed = policy.positions_for_new_actors(graph, old, (500.0, -500.0))
    assert {k: placed[k] for k in old} == old  # the others stay where they are
    assert set(placed) == {"a", "b", "c", "new", "alone"}
    first, second = 2 * math.pi / 3, 4 * math.pi / 3  # two new actors: a third and two thirds round
    assert placed["new"] == pytest.approx((50 + 110 * math.cos(first), 110 * math.sin(first)))
    assert placed["alone"] == pytest.approx((500 + 110 * math.cos(second), -500 + 110 * math.sin(second)))
    assert policy.positions_for_new_actors(graph, placed, (0.0, 0.0)) == placed  # nothing new: nothing moves


# ---------------------------------------------------------------- start-up


def test_the_rules_need_neither_the_curation_engine_nor_rdflib_to_be_imported() -> None:
    probe = ("import sys, explorer.app.curation\n"
             "print(sorted(m for m in ('rdflib', 'pyoxigraph', 'explorer.core.curation') if m in sys.modules))")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_new_actors_made_one_edit_after_another_do_not_overlap() -> None:
    """New Claim with two new actors makes each in its own step: the second must not land on the first."""
    graph = Graph(["armenia"], [])
    first = policy.positions_for_new_actors(graph, {}, (0.0, 0.0))
    graph = Graph(["armenia", "georgia"], [])
    both = policy.positions_for_new_actors(graph, first, (0.0, 0.0))
    assert both["armenia"] == first["armenia"]
    assert math.dist(both["armenia"], both["georgia"]) >= policy.NEW_ACTOR_DISTANCE / 2
    assert math.dist(both["georgia"], (0.0, 0.0)) == pytest.approx(policy.NEW_ACTOR_DISTANCE)
