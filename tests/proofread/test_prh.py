"""textlint-prh dictionaries: patterns, regex flags, $1 references, specs, imports and errors."""

from __future__ import annotations

import pytest

from workstation.proofread import Checker, DictionaryError, load_prh_dictionary
from workstation.proofread.rules.dictionary import dictionaries_dir


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_sample_loads_and_its_specs_pass():
    dictionary = load_prh_dictionary(dictionaries_dir() / "official-names.yml")
    assert len(dictionary.rules) >= 10


def test_patterns_regex_flags_and_references(tmp_path):
    path = _write(
        tmp_path / "terms.yml",
        """
version: 1
rules:
  - expected: JavaScript
    specs:
      - from: javascript
        to: JavaScript
      - from: ＪＡＶＡＳＣＲＩＰＴ
        to: JavaScript
  - expected: サーバー$1
    pattern: /サーバ([^ー]|$)/
    specs:
      - from: サーバ管理
        to: サーバー管理
  - expected: ウェブ
    patterns: [ウエブ, '/web(?=サイト)/i']
""",
    )
    checker = Checker("general", dictionaries=[path])
    text = "javascriptとサーバ管理、WEBサイトとウエブ。サーバーはそのまま。"
    issues = [i for i in checker.check(text) if i.rule_id == "dictionary"]
    found = {text[i.start : i.end]: i.suggestions[0] for i in issues}
    assert found == {
        "javascript": "JavaScript",
        "サーバ管": "サーバー管",
        "WEB": "ウェブ",
        "ウエブ": "ウェブ",
    }


def test_failing_spec_is_reported_on_load(tmp_path):
    path = _write(
        tmp_path / "bad.yml",
        "rules:\n  - expected: 国際連合\n    pattern: 国連\n    specs:\n      - from: 国連総会\n        to: 国際連合総会です\n",
    )
    with pytest.raises(DictionaryError, match="spec"):
        load_prh_dictionary(path)
    with pytest.raises(DictionaryError):
        Checker(dictionaries=[path])


def test_imports_are_followed_and_cycles_refused(tmp_path):
    _write(tmp_path / "base.yml", "rules:\n  - expected: ベトナム\n    pattern: ヴェトナム\n")
    main = _write(
        tmp_path / "main.yml",
        "imports:\n  - base.yml\nrules:\n  - expected: 北マケドニア\n    pattern: マケドニア旧ユーゴスラビア共和国\n",
    )
    assert len(load_prh_dictionary(main).rules) == 2
    _write(tmp_path / "a.yml", "imports: [b.yml]\n")
    _write(tmp_path / "b.yml", "imports: [a.yml]\n")
    with pytest.raises(DictionaryError):
        load_prh_dictionary(tmp_path / "a.yml")


@pytest.mark.parametrize(
    "content",
    [
        "rules: [1, 2]",
        "rules:\n  - pattern: x\n",
        "rules:\n  - expected: x\n    pattern: /[/\n",
        ": : :\n  - [",
    ],
)
def test_malformed_dictionaries_give_clear_errors(tmp_path, content):
    with pytest.raises(DictionaryError) as caught:
        load_prh_dictionary(_write(tmp_path / "d.yml", content))
    assert caught.value.message.ja and caught.value.message.en


def test_missing_dictionary_file(tmp_path):
    with pytest.raises(DictionaryError):
        load_prh_dictionary(tmp_path / "missing.yml")


def test_profile_finds_dictionaries_beside_it(tmp_path):
    _write(tmp_path / "terms.yml", "rules:\n  - expected: 外務省\n    pattern: 外務相省\n")
    profile = _write(
        tmp_path / "office.toml", '[rules.dictionary]\ndictionaries = ["terms.yml", "official-names.yml"]\n'
    )
    issues = Checker(profile).check("外務相省とグルジア")
    assert [i.suggestions[0] for i in issues] == ["外務省", "ジョージア"]
