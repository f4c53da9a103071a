"""Random text through the stores and the term finder (longer run: WORKSTATION_FUZZ=1)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workstation.store.db import storable
from workstation.store.glossary import Glossary, GlossaryEntry, check_glossary
from workstation.store.memory import TranslationMemory
from workstation.store.sessions import SegmentState, SessionStore

FUZZ = os.environ.get("WORKSTATION_FUZZ") == "1"
FUZZ_SETTINGS = settings(max_examples=2000 if FUZZ else 40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Surrogates, combining marks, emoji, control characters, full-width forms, Japanese.
TEXT = st.text(
    st.one_of(
        st.characters(codec=None),
        st.sampled_from(list("外務省大臣はをのですNATO embassy Ｅｍｂａｓｓｙ。、！？ \n\t\u0301\u200d😀\ud800\udfff")),
    ),
    max_size=200,
)
GLOSSARY = Glossary(
    [
        GlossaryEntry("外務省", "Ministry of Foreign Affairs"),
        GlossaryEntry("大臣", "Minister", forbidden=("secretary",)),
        GlossaryEntry("NATO", "NATO", do_not_translate=True),
        GlossaryEntry("大使館", "embassy"),
    ]
)


@FUZZ_SETTINGS
@given(TEXT, TEXT)
def test_autosave_round_trips_any_text(text: str, target: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "s.sqlite3"
        store = SessionStore(database)
        store.autosave("k", text, target_text=target, segments=[SegmentState(0, len(text), target, "edited")])
        store.close()
        with SessionStore(database) as again:
            (recovered,) = again.pending_recovery()
            assert recovered.text == storable(text) and recovered.target_text == storable(target)


@FUZZ_SETTINGS
@given(TEXT, st.sampled_from(["ja", "en"]))
def test_term_spans_lie_within_the_text(text: str, lang: str) -> None:
    previous_end = 0
    for match in GLOSSARY.find_terms(text, lang):
        assert previous_end <= match.start < match.end <= len(text)
        assert text[match.start : match.end] == match.term
        previous_end = match.end
    for issue in check_glossary(text, text[::-1], GLOSSARY, "ja", "en"):
        limit = len(text)
        assert 0 <= issue.start < issue.end <= limit


@settings(max_examples=300 if FUZZ else 25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(TEXT, TEXT), max_size=5), TEXT)
def test_memory_lookup_on_random_text(pairs: list[tuple[str, str]], query: str) -> None:
    with tempfile.TemporaryDirectory() as folder, TranslationMemory(Path(folder) / "tm.sqlite3") as memory:
        for source, target in pairs:
            memory.add(source, target, "ja", "en")
        for match in memory.lookup(query, "ja", "en", min_score=0):
            assert 0 <= match.score <= 100
