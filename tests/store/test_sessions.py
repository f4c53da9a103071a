from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workstation.store.db import StoreError
from workstation.store.sessions import (
    SCHEMA_VERSION,
    DocumentInfo,
    SegmentState,
    SessionStore,
    default_sessions_path,
    live_sessions,
)

TYPING_SCRIPT = textwrap.dedent(
    """
    import sys
    from workstation.store.sessions import DocumentInfo, SegmentState, SessionStore

    store = SessionStore(sys.argv[1])
    key = store.new_document_key()
    info = DocumentInfo(path="/tmp/cable.txt", kind="txt", encoding="cp932", newline="\\r\\n", workspace="translate",
                        source_lang="ja", target_lang="en")
    text = ""
    for count in range(100000):
        text += "公電第{}号。".format(count)
        segments = [SegmentState(0, 5, "Cable No. 0.", "confirmed", "builtin-ja-en", {"beam_size": 4})]
        store.autosave(key, text, info=info if count == 0 else None, target_text="Cable", segments=segments)
        print(count, flush=True)
    """
)


def test_text_typed_before_sigkill_is_recovered_on_next_start(tmp_path: Path) -> None:
    database = tmp_path / "sessions.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-c", TYPING_SCRIPT, str(database)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    last = -1
    for line in process.stdout:
        last = int(line)
        if last >= 30:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL

    with SessionStore(database) as store:
        (recovered,) = store.pending_recovery()
        # Everything reported as saved before the kill is there (a later keystroke may be too).
        assert f"公電第{last}号。" in recovered.text
        assert recovered.text.startswith("公電第0号。公電第1号。")
        assert recovered.info.path == "/tmp/cable.txt"
        assert (recovered.info.encoding, recovered.info.newline) == ("cp932", "\r\n")
        assert (recovered.info.source_lang, recovered.info.target_lang) == ("ja", "en")
        assert recovered.target_text == "Cable"
        (segment,) = recovered.segments
        assert (segment.state, segment.model_id, dict(segment.options)) == ("confirmed", "builtin-ja-en", {"beam_size": 4})
        key = store.restore(recovered)
        assert store.pending_recovery() == []
        store.autosave(key, recovered.text + "続き")
        store.mark_clean_exit()
    with SessionStore(database) as store:
        assert store.pending_recovery() == []


def test_clean_exit_leaves_nothing_to_recover_and_no_text_at_rest(tmp_path: Path) -> None:
    database = tmp_path / "s.sqlite3"
    with SessionStore(database) as store:
        store.autosave(store.new_document_key(), "秘密の公電本文", info=DocumentInfo(kind="untitled"))
        store.mark_clean_exit()
    with SessionStore(database) as store:
        assert store.pending_recovery() == []
        assert store._connection.execute("SELECT COUNT(*) FROM contents").fetchone()[0] == 0
        store.mark_clean_exit()


def test_saved_documents_are_not_offered_but_later_edits_are(tmp_path: Path) -> None:
    database = tmp_path / "s.sqlite3"
    first = SessionStore(database)
    saved, edited, opened = first.new_document_key(), first.new_document_key(), first.new_document_key()
    first.autosave(saved, "保存済み")
    first.mark_saved(saved)
    first.autosave(opened, "開いただけ", saved=True)
    first.autosave(edited, "版1")
    first.mark_saved(edited)
    first.autosave(edited, "版2")
    # The first program is still running: nothing is offered to a second one.
    with SessionStore(database) as second:
        assert second.pending_recovery() == []
    first.close()  # ends without a clean exit, like a crash
    with SessionStore(database) as third:
        recovered = third.pending_recovery()
        assert [document.text for document in recovered] == ["版2"]
        assert recovered[0].saved is not None and recovered[0].changed > recovered[0].saved
        third.discard(recovered[0])
        assert third.pending_recovery() == []
        third.mark_clean_exit()
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1


def test_discard_all_and_close_document(tmp_path: Path) -> None:
    database = tmp_path / "s.sqlite3"
    crashed = SessionStore(database)
    for text in ("一", "二"):
        crashed.autosave(crashed.new_document_key(), text)
    closed = crashed.new_document_key()
    crashed.autosave(closed, "閉じた")
    crashed.close_document(closed)
    crashed.close()
    with SessionStore(database) as store:
        assert sorted(document.text for document in store.pending_recovery()) == ["一", "二"]
        store.discard()
        assert store.pending_recovery() == []


def test_store_files_are_private(tmp_path: Path, permissive_umask: None) -> None:
    with SessionStore() as store:
        assert store.path == default_sessions_path()
        store.autosave(store.new_document_key(), "機密")
        for suffix in ("", "-wal", "-shm"):
            file = store.path.with_name(store.path.name + suffix)
            assert file.exists(), file
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
        assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
        assert live_sessions() == [os.getpid()]
        store.mark_clean_exit()
    assert live_sessions() == []


def test_log_file_is_private(tmp_path: Path, permissive_umask: None) -> None:
    import logging

    from workstation.app_logging import setup_logging

    path = setup_logging()
    try:
        logging.getLogger("test").warning("hello")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", None) == str(path):
                logging.getLogger().removeHandler(handler)
                handler.close()


VERSION_1 = """
CREATE TABLE sessions (id INTEGER PRIMARY KEY, pid INTEGER NOT NULL, host TEXT NOT NULL, started REAL NOT NULL,
    ended REAL, clean INTEGER NOT NULL DEFAULT 0);
CREATE TABLE documents (id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, key TEXT NOT NULL, path TEXT,
    kind TEXT NOT NULL, encoding TEXT NOT NULL, newline TEXT NOT NULL, bom INTEGER NOT NULL, workspace TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '', opened REAL NOT NULL, changed REAL, saved REAL, UNIQUE (session_id, key));
CREATE TABLE contents (document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL, target_text TEXT);
INSERT INTO sessions VALUES (1, 999999999, 'another-host', 1.0, NULL, 0);
INSERT INTO documents VALUES (1, 1, 'k1', '/docs/a.txt', 'txt', 'euc_jp', '\n', 0, 'proofread', 'a.txt', 1.0, 2.0, NULL);
INSERT INTO contents VALUES (1, '旧形式の自動保存', NULL);
PRAGMA user_version = 1;
"""


def test_version_1_database_is_migrated_and_keeps_its_autosaves(tmp_path: Path) -> None:
    database = tmp_path / "old.sqlite3"
    with sqlite3.connect(database) as db:
        db.executescript(VERSION_1)
    with SessionStore(database) as store:
        assert store._connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        (recovered,) = store.pending_recovery()
        assert recovered.text == "旧形式の自動保存"
        assert (recovered.info.encoding, recovered.info.workspace, recovered.segments) == ("euc_jp", "proofread", ())
        key = store.restore(recovered)
        store.autosave(key, "新", segments=[SegmentState(0, 1, "new", "edited")])


def test_newer_or_damaged_database_gives_a_clear_error(tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    with sqlite3.connect(newer) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError) as info:
        SessionStore(newer)
    assert "newer version" in info.value.message.en
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as info:
        SessionStore(damaged)
    assert "damaged" in info.value.message.en


def test_segment_state_is_validated() -> None:
    with pytest.raises(ValueError):
        SegmentState(0, 1, "x", "approved")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        SegmentState(5, 1, "x")


def test_recovered_documents_can_be_saved_back_in_their_format(tmp_path: Path) -> None:
    import docx as python_docx

    from workstation.io.documents import open_document, save_document

    word = python_docx.Document()
    word.add_paragraph().add_run("原文の段落").bold = True
    word.save(tmp_path / "cable.docx")
    (tmp_path / "note.txt").write_bytes("メモ\r\n".encode("cp932"))
    database = tmp_path / "s.sqlite3"
    crashed = SessionStore(database)
    for name in ("cable.docx", "note.txt"):
        opened = open_document(tmp_path / name)
        info = DocumentInfo.for_document(opened, workspace="proofread")
        crashed.autosave(name, opened.text + "（追記）", info=info)
    crashed.close()
    with SessionStore(database) as store:
        recovered = {item.key: item for item in store.pending_recovery()}
        assert recovered["note.txt"].info.encoding == "cp932" and recovered["cable.docx"].info.kind == "docx"
        for item in recovered.values():
            document = item.document()
            save_document(document, document.text)
        assert (tmp_path / "note.txt").read_bytes() == "メモ\r\n（追記）".encode("cp932")
        reopened = open_document(tmp_path / "cable.docx")
        assert reopened.text == "原文の段落（追記）" and reopened.docx.paragraphs[0].runs[0].bold is True
        (tmp_path / "cable.docx").unlink()
        fallback = recovered["cable.docx"].document()
        assert fallback.kind == "txt" and fallback.path == tmp_path / "cable.recovered.txt"


@pytest.mark.parametrize("action", ["restore", "discard", "discard-all"])
def test_recovery_removes_what_an_interrupted_save_left_beside_the_file(tmp_path: Path, action: str) -> None:
    document = tmp_path / "cable.txt"
    document.write_text("元の本文", encoding="utf-8")
    leftover = tmp_path / ".cable.txt.k3j9x.tmp"
    leftover.write_text("保存途中の本文", encoding="utf-8")
    unrelated = tmp_path / ".other.txt.a1b2c.tmp"
    unrelated.write_text("別の文書", encoding="utf-8")
    database = tmp_path / "s.sqlite3"
    crashed = SessionStore(database)
    crashed.autosave(crashed.new_document_key(), "編集中の本文", info=DocumentInfo(path=str(document), kind="txt"))
    crashed.close()
    with SessionStore(database) as store:
        (recovered,) = store.pending_recovery()
        assert leftover.exists()
        if action == "restore":
            store.restore(recovered)
        else:
            store.discard(recovered if action == "discard" else None)
    assert not leftover.exists()
    assert unrelated.exists()
    assert document.read_text(encoding="utf-8") == "元の本文"
