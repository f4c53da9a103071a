"""broken-word ranks one-kana repairs by MeCab's path cost and skips repairs on garbled paragraphs."""

from __future__ import annotations

import pytest

from workstation.proofread import Checker


def _broken(text: str) -> list:
    return [issue for issue in Checker("koyobun").check(text) if issue.rule_id == "broken-word"]


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("内容を確認しまた。", "内容を確認しました。"),
        ("銀行は9時に開店しす。", "銀行は9時に開店します。"),
        ("私は彼に会た。", "私は彼に会った。"),
        ("乗せてもらえませか。", "乗せてもらえませんか。"),
        ("資料をご確認くだいさ。", "資料をご確認ください。"),
    ],
)
def test_first_repair_gives_back_the_word(text: str, repaired: str):
    (issue,) = _broken(text)
    assert text[: issue.start] + issue.suggestions[0] + text[issue.end :] == repaired


def test_every_repair_analyses_cleanly():
    text = "トムは電気を消た。"
    (issue,) = _broken(text)
    assert 1 < len(issue.suggestions) <= 3
    for suggestion in issue.suggestions:
        assert not _broken(text[: issue.start] + suggestion + text[issue.end :])


def test_garbled_paragraph_is_reported_without_repairs():
    garbled = "ぬをほるけさむえみをたろゆらけめおりほぬこひゆうすてのゆつら。"
    issues = _broken(garbled)
    assert len(issues) > 2
    assert all(not issue.suggestions for issue in issues)
    assert _broken("内容を確認しまた。" + garbled)[0].suggestions == ()
