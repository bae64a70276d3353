"""Names shared by the curation tests (a module of its own: `from conftest import` breaks collecting
several test folders together)."""

NS = "https://w3id.org/caucasus-explorer/"
ACTOR, CX, ARTICLE = NS + "actor/", NS + "vocab#", NS + "article/"
CLAIM, EVIDENCE = NS + "claim/", NS + "evidence/"
