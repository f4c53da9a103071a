"""`workstation translate`: translate a text or Word document ja⇄en offline, keeping its layout."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workstation.errors import WorkstationError
from workstation.i18n import Text

if TYPE_CHECKING:
    from workstation.io.documents import Document
    from workstation.io.text import TextFile
    from workstation.translate.engine import DocumentTranslation, Progress
    from workstation.translate.registry import InstalledModel, ModelRegistry

EXIT_OK = 0

__all__ = ["add_arguments", "run"]


def _t(ja: str, en: str) -> str:
    return str(Text(ja, en))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = _t(
        "文書を端末内だけで翻訳します。段落・空行・字下げ・箇条書きの記号・件名などの見出しはそのまま残し、文だけを訳します。",
        "Translate a document on this device only. Paragraphs, blank lines, indentation, list markers and header "
        "labels are kept; only the sentences are translated.",
    )
    parser.add_argument(
        "input", nargs="?", default="-", metavar="FILE", help=_t("入力ファイル（.txt または .docx。- または省略で標準入力）", "input file, .txt or .docx (- or omitted: standard input)")
    )
    parser.add_argument("--from", dest="source_lang", metavar="LANG", help=_t("原文の言語 (ja, en)。省略時は自動判定", "source language (ja, en); detected if omitted"))
    parser.add_argument("--to", dest="target_lang", metavar="LANG", help=_t("訳文の言語。省略時は ja⇄en の反対側", "target language; default: the other of ja/en"))
    parser.add_argument("-m", "--model", dest="model_id", metavar="MODEL_ID", help=_t("使うモデルの ID", "id of the model to use"))
    parser.add_argument("-o", "--output", type=Path, metavar="OUT", help=_t("出力ファイル（省略時は標準出力。.docx なら原文の .docx の書式のまま）", "output file (default: standard output; a .docx keeps the source .docx's layout)"))
    parser.add_argument("--format", choices=("text", "json"), default="text", help=_t("出力形式", "output format"))
    parser.add_argument("--beam", type=int, metavar="N", help=_t("ビーム幅 (1〜32、既定 4)", "beam size (1-32, default 4)"))
    parser.add_argument("--max-length", type=int, metavar="N", help=_t("1 文の訳の最大トークン数", "most tokens in one sentence's translation"))
    parser.add_argument(
        "--repetition-penalty",
        type=float,
        metavar="X",
        help=_t("繰り返しへのペナルティ (1.0 = なし。既定: モデルの推奨値)", "penalty on repeated tokens (1.0 = none; default: the model's recommendation)"),
    )
    parser.add_argument(
        "--no-repeat-ngram",
        type=int,
        metavar="N",
        help=_t("同じ N-gram を繰り返さない (0 = 制限なし。既定: モデルの推奨値)", "never repeat an N-gram (0 = allowed; default: the model's recommendation)"),
    )
    parser.add_argument(
        "--length-penalty",
        type=float,
        metavar="X",
        help=_t(
            "長さへのペナルティ (1.0 = 平均対数確率。大きいほど長い訳を選ぶ。既定: モデルの推奨値)",
            "length penalty (1.0 = mean log-probability; higher prefers longer translations; default: the model's recommendation)",
        ),
    )
    parser.add_argument(
        "--back-translation-weight",
        type=float,
        metavar="X",
        help=_t(
            "逆方向のモデルでビームの候補を選び直す重み (0 = 使わない。既定: モデルの推奨値)",
            "weight of the opposite-direction model when ranking the beam's candidates (0 = off; default: the model's recommendation)",
        ),
    )
    parser.add_argument(
        "--keep", action="append", default=[], metavar="TERM", help=_t("訳さずにそのまま残す語（複数指定可）", "a term to keep untranslated (repeatable)")
    )
    parser.add_argument(
        "--keep-file", type=Path, metavar="FILE", help=_t("訳さない語の一覧ファイル（1 行 1 語）", "file of terms to keep untranslated, one per line")
    )
    parser.add_argument(
        "--glossary",
        type=Path,
        metavar="FILE",
        help=_t(
            "用語集（CSV/TSV/TBX）。用語は指定の訳語で訳し、翻訳不要の語はそのまま残す",
            "glossary (CSV/TSV/TBX): its terms are translated as it says, do-not-translate terms kept",
        ),
    )
    parser.add_argument(
        "--no-protect", action="store_true", help=_t("数字・日付・URL などを保護しない", "do not protect numbers, dates, URLs, e-mail addresses and file names")
    )
    parser.add_argument("--no-cache", action="store_true", help=_t("翻訳キャッシュを使わない", "do not use or fill the translation cache"))
    parser.add_argument(
        "--models-dir", action="append", default=[], type=Path, metavar="DIR", help=_t("モデルを探す追加のフォルダー", "an extra folder to look for models in")
    )
    parser.add_argument("--threads", type=int, metavar="N", help=_t("CPU スレッド数（既定: コア数）", "CPU threads (default: the number of cores)"))
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help=_t("同時に訳すバッチの数（既定: コア 1 つに 1、最大 4）", "batches translated at once (default: one per core, at most 4)"),
    )
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto", help=_t("計算に使う装置", "device to compute on"))


def run(args: argparse.Namespace) -> int:
    from workstation import paths
    from workstation.translate.cache import CACHE_FILE_NAME, TranslationCache
    from workstation.translate.engine import TranslationEngine, check_text
    from workstation.translate.options import DEFAULT_BEAM_SIZE, DEFAULT_MAX_DECODING_LENGTH, TranslateOptions
    from workstation.translate.protect import DEFAULT_KINDS, ProtectedKind
    from workstation.translate.registry import ModelRegistry

    source_file = _read_input(args.input)
    check_text(source_file.text)
    registry = ModelRegistry(extra_dirs=args.models_dir)
    model = _choose_model(registry, args, source_file.text)
    terms = list(args.keep) + (_read_terms(args.keep_file) if args.keep_file else [])
    options = TranslateOptions(
        beam_size=args.beam or DEFAULT_BEAM_SIZE,
        max_decoding_length=args.max_length or DEFAULT_MAX_DECODING_LENGTH,
        repetition_penalty=args.repetition_penalty,
        no_repeat_ngram_size=args.no_repeat_ngram,
        length_penalty=args.length_penalty,
        back_translation_weight=args.back_translation_weight,
        protect=frozenset({ProtectedKind.TERM}) if args.no_protect else DEFAULT_KINDS,
        keep_terms=tuple(terms),
    )
    if args.glossary:
        from workstation.io.glossary import read_glossary

        manifest = model.manifest
        glossary = read_glossary(args.glossary, source_lang=manifest.source_lang, target_lang=manifest.target_lang)
        options = options.with_glossary(glossary, source_file.text, manifest.source_lang)
    cache = TranslationCache(None if args.no_cache else paths.user_cache_dir() / CACHE_FILE_NAME)
    engine = TranslationEngine(
        model,
        threads=args.threads,
        workers=args.workers,
        device=args.device,
        cache=cache,
        back_model=registry.reverse_of(model),
    )
    progress = _terminal_progress if sys.stderr.isatty() else None
    try:
        result = engine.translate_document(source_file.text, options, progress=progress)
    finally:
        if progress is not None:
            print(file=sys.stderr)
        cache.close()
    _write_output(args, result, source_file)
    _warn_missing(result)
    return EXIT_OK


def _read_input(name: str) -> Document:
    """A text file (any supported encoding), a .docx (one line per paragraph) or standard input."""
    from workstation.io.documents import DOCX_SUFFIXES, UNSUPPORTED_SUFFIXES, Document, open_document

    suffix = Path(name).suffix.lower()
    if name != "-" and (suffix in DOCX_SUFFIXES or suffix in UNSUPPORTED_SUFFIXES):
        document = open_document(name)
        notice = document.notice()
        if notice is not None:
            print(f"{name}: {notice}", file=sys.stderr)
        return document
    text_file = _read_text(name)
    return Document(None, "txt", text_file.text, text_file=text_file)


def _read_text(name: str) -> TextFile:
    from workstation.io.text import MAX_TEXT_BYTES, TextReadError, decode_bytes, read_text

    if name != "-":
        return read_text(name)
    data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise TextReadError(
            Text(
                f"入力が大きすぎます。{MAX_TEXT_BYTES // 1048576} MB までの文章を翻訳できます。分割してください。",
                f"The input is too large. Up to {MAX_TEXT_BYTES // 1048576} MB can be translated; please split it.",
            )
        )
    return decode_bytes(data)


def _read_terms(path: Path) -> list[str]:
    from workstation.io.text import read_text

    return [line.strip() for line in read_text(path).text.split("\n") if line.strip() and not line.startswith("#")]


def _choose_model(registry: ModelRegistry, args: argparse.Namespace, text: str) -> InstalledModel:
    from workstation.core.spans import guess_language

    if args.model_id:
        model = registry.get(args.model_id)
        manifest = model.manifest
        if (args.source_lang and args.source_lang != manifest.source_lang) or (
            args.target_lang and args.target_lang != manifest.target_lang
        ):
            raise WorkstationError(
                Text(
                    f"モデル {model.id} は {manifest.direction} 用です。--from/--to を外すか、別のモデルを指定してください。",
                    f"Model {model.id} translates {manifest.direction}; drop --from/--to or choose another model.",
                )
            )
        detected = guess_language(text)
        if not args.source_lang and detected != manifest.source_lang:
            print(
                _t(
                    f"workstation: 注意: 入力は {detected} のようですが、モデル {model.id} の原文の言語は {manifest.source_lang} です。",
                    f"workstation: warning: the input looks like {detected}, but model {model.id} translates from {manifest.source_lang}.",
                ),
                file=sys.stderr,
            )
        return model
    source = args.source_lang or guess_language(text)
    target = args.target_lang or ("en" if source == "ja" else "ja")
    if source == target:
        raise WorkstationError(
            Text(f"原文と訳文の言語が同じです ({source})。", f"The source and target languages are the same ({source}).")
        )
    return registry.default_for(source, target)


def _terminal_progress(progress: Progress) -> None:
    label = _t("翻訳中", "Translating")
    print(f"\r{label} {progress.done}/{progress.total}", end="", file=sys.stderr, flush=True)


def _write_output(args: argparse.Namespace, result: DocumentTranslation, source: Document) -> None:
    """JSON, or the translation as text; to a ``.docx`` it keeps the source .docx's layout and formatting."""
    from workstation.io.documents import DOCX_SUFFIXES, save_document
    from workstation.io.text import TextFile, write_text

    if args.format == "json":
        body = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
        like = TextFile("", "utf-8")
    else:
        if args.output is not None and args.output.suffix.lower() in DOCX_SUFFIXES:
            save_document(source, result.text, args.output)
            return
        body = result.text
        like = TextFile("", "utf-8", newline=source.newline)
    if args.output is None:
        sys.stdout.write(body)
        sys.stdout.flush()
        return
    write_text(args.output, body, like=like)


MISSING_NAMED = 5
"""Most distinct missing items named in the warning."""


def _warn_missing(result: DocumentTranslation) -> None:
    missing = result.missing
    if not missing:
        return
    sentences = sorted({segment.index + 1 for segment, _ in missing})
    shown = ", ".join(str(number) for number in sentences[:10]) + (" …" if len(sentences) > 10 else "")
    items = list(dict.fromkeys(span.text + (f" → {span.replacement}" if span.replacement else "") for _, span in missing))
    more = " …" if len(items) > MISSING_NAMED else ""
    print(
        _t(
            f"workstation: 注意: 数字・URL・用語などの保護対象 {len(missing)} 件が訳文から抜けています"
            f"（文 {shown}: {'、'.join(items[:MISSING_NAMED])}{more}）。確認してください。",
            f"workstation: warning: {len(missing)} protected items (numbers, URLs, terms, ...) are missing from the "
            f"translation (sentences {shown}: {'; '.join(items[:MISSING_NAMED])}{more}); please check.",
        ),
        file=sys.stderr,
    )
