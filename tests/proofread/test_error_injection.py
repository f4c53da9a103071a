"""The error-injection evaluation runs and every rule has an injector (full table: python -m tests.proofread.error_injection)."""

from __future__ import annotations

from tests.proofread.error_injection import INJECTORS, RESTORABLE, evaluate, table
from workstation.proofread.rules import all_rules


def test_every_rule_has_an_injector():
    assert set(INJECTORS) == set(all_rules())


def test_small_evaluation_finds_injected_errors():
    scores = evaluate(per_rule=4, seed=3)
    assert all(score.samples > 0 for score in scores), table(scores)
    detected = sum(score.detected for score in scores)
    samples = sum(score.samples for score in scores)
    assert detected / samples >= 0.8, table(scores)


def test_fixes_give_back_the_clean_sentence_where_they_can():
    scores = {score.rule_id: score for score in evaluate(per_rule=20, seed=3, rules=sorted(RESTORABLE))}
    for rule_id in ("doubled-particle", "invisible-char", "halfwidth-kana"):
        assert scores[rule_id].repaired == scores[rule_id].detected > 0, table(list(scores.values()))
    assert scores["broken-word"].repaired > 0, table(list(scores.values()))
