from __future__ import annotations

from workstation.store.glossary import Glossary, GlossaryEntry, check_glossary

MINISTRY = GlossaryEntry("外務省", "Ministry of Foreign Affairs")
MINISTER = GlossaryEntry("外務大臣", "Minister for Foreign Affairs", alternatives=("Foreign Minister",))
KYOTO = GlossaryEntry("京都", "Kyoto")
EMBASSY = GlossaryEntry("大使館", "embassy", forbidden=("legation",))
NATO = GlossaryEntry("NATO", "NATO", do_not_translate=True)
NOTE = GlossaryEntry("口上書", "note verbale")
GLOSSARY = Glossary([MINISTRY, MINISTER, KYOTO, EMBASSY, NATO, NOTE], source_lang="ja", target_lang="en")


def _found(text: str, lang: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.entry.source) for m in GLOSSARY.find_terms(text, lang)]


def test_longest_match_wins_and_spans_are_exact() -> None:
    text = "外務大臣は外務省でNATOの代表と会談した。"
    assert _found(text, "ja") == [("外務大臣", "外務大臣"), ("外務省", "外務省"), ("NATO", "NATO")]


def test_japanese_terms_match_only_at_morpheme_boundaries() -> None:
    assert _found("東京都で会議", "ja") == []  # 京都 inside 東京|都
    assert _found("京都で会議", "ja") == [("京都", "京都")]


def test_english_terms_case_insensitive_with_word_boundaries_and_plurals() -> None:
    text = "The Embassy and two embassies sent notes verbales; nato is not NATO. Embassyville."
    assert _found(text, "en") == [("Embassy", "大使館"), ("embassies", "大使館"), ("NATO", "NATO")]
    assert _found("Ｅｍｂａｓｓｙ", "en") == [("Ｅｍｂａｓｓｙ", "大使館")]


def test_check_glossary_flags_missing_and_forbidden_terms() -> None:
    source = "外務大臣は大使館でNATOについて述べた。"
    good = "The Foreign Minister spoke about NATO at the embassy."
    assert check_glossary(source, good, GLOSSARY, "ja", "en") == []
    issues = check_glossary(source, "The minister spoke about OTAN at the legation.", GLOSSARY, "ja", "en")
    assert [(issue.kind, issue.entry.source) for issue in issues] == [
        ("missing", "外務大臣"),
        ("missing", "大使館"),
        ("missing", "NATO"),
        ("forbidden", "大使館"),
    ]
    missing = issues[0]
    assert source[missing.start : missing.end] == "外務大臣"
    assert "Minister for Foreign Affairs" in missing.message.en and "外務大臣" in missing.message.ja
    forbidden = issues[-1]
    assert "The minister spoke about OTAN at the legation."[forbidden.start : forbidden.end] == "legation"


def test_check_glossary_works_in_the_reverse_direction() -> None:
    assert check_glossary("The embassy replied.", "大使館が回答した。", GLOSSARY, "en", "ja") == []
    (issue,) = check_glossary("The embassy replied.", "公館が回答した。", GLOSSARY, "en", "ja")
    assert issue.kind == "missing" and "大使館" in issue.message.en
    assert check_glossary("x", "y", GLOSSARY, "en", "fr") == []


def test_protected_terms_are_the_do_not_translate_entries() -> None:
    assert GLOSSARY.protected_terms() == ["NATO"]
    assert Glossary().protected_terms() == [] and Glossary().find_terms("text", "en") == []


def test_synonyms_and_several_translations_of_one_term_are_all_accepted() -> None:
    glossary = Glossary(
        [
            GlossaryEntry("外務大臣", "Foreign Minister"),
            GlossaryEntry("外相", "Foreign Minister"),
            GlossaryEntry("大臣", "Minister"),
            GlossaryEntry("大臣", "Secretary of State"),
        ]
    )
    assert check_glossary("外相が述べた。", "The Foreign Minister said.", glossary, "ja", "en") == []
    assert check_glossary("大臣が述べた。", "The Secretary of State said.", glossary, "ja", "en") == []
    (issue,) = check_glossary("大臣が述べた。", "He said.", glossary, "ja", "en")
    assert "“Minister / Secretary of State”" in issue.message.en
