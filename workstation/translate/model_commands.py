"""`workstation models`: list, import, verify, remove, inspect, convert, pack and sign translation models."""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workstation.i18n import Text, current_language

if TYPE_CHECKING:
    from workstation.translate.registry import InstalledModel, ModelRegistry

EXIT_OK = 0
EXIT_FINDINGS = 1
PASSPHRASE_ENV = "WORKSTATION_KEY_PASSPHRASE"
"""Passphrase of the private signing key for scripted ``pack``/``keygen`` (otherwise prompted on a terminal)."""


def _t(ja: str, en: str) -> str:
    return str(Text(ja, en))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = _t(
        "翻訳モデルを管理します。IT 担当者は .wsmodel (署名付き)、.argosmodel、CTranslate2 のフォルダーを取り込めます。",
        "Manage translation models. IT can import signed .wsmodel bundles, .argosmodel packages and CTranslate2 folders.",
    )
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = _t(
        "例:\n"
        "  workstation models import opus-mt-ja-en/                  CTranslate2 のフォルダー (Marian/FuguMT)\n"
        "  workstation models import nllb-ct2/ --from ja --to en     NLLB-200 / M2M100\n"
        "  workstation models import translate-ja_en.argosmodel      Argos Translate のパッケージ\n"
        "  workstation models import model.wsmodel                   署名付きバンドル (信頼する鍵で検証)\n"
        "  workstation models verify                                 全モデルのハッシュを再計算\n"
        "  workstation models default ja en MODEL_ID                 ja→en の既定モデルを選ぶ\n"
        "IT 担当者: keygen で鍵を作り、pack で署名し、各端末で trust で公開鍵を登録します。",
        "examples:\n"
        "  workstation models import opus-mt-ja-en/                  CTranslate2 folder (Marian/FuguMT)\n"
        "  workstation models import nllb-ct2/ --from ja --to en     NLLB-200 / M2M100\n"
        "  workstation models import translate-ja_en.argosmodel      Argos Translate package\n"
        "  workstation models import model.wsmodel                   signed bundle (checked against trusted keys)\n"
        "  workstation models verify                                 re-hash every model\n"
        "  workstation models default ja en MODEL_ID                 choose the ja→en model\n"
        "IT: create a key with keygen, sign with pack, register the public key on each laptop with trust.",
    )
    sub = parser.add_subparsers(dest="models_command", metavar="ACTION")
    sub.required = True

    listing = sub.add_parser("list", help=_t("モデルの一覧", "list installed models"))
    listing.add_argument("--format", choices=("text", "json"), default="text")

    imp = sub.add_parser(
        "import", help=_t("モデルを取り込む", "import a model (.wsmodel, .argosmodel or folder)")
    )
    imp.add_argument("path", type=Path, metavar="PATH")
    imp.add_argument(
        "--from",
        dest="source_lang",
        metavar="LANG",
        help=_t("原文の言語 (例: ja)", "source language (e.g. ja)"),
    )
    imp.add_argument(
        "--to",
        dest="target_lang",
        metavar="LANG",
        help=_t("訳文の言語 (例: en)", "target language (e.g. en)"),
    )
    imp.add_argument("--id", dest="model_id", help=_t("モデル ID", "model id"))
    imp.add_argument(
        "--family", choices=("marian", "m2m100", "nllb"), help=_t("モデルの種類", "model family")
    )
    imp.add_argument("--name", help=_t("表示名", "display name"))
    imp.add_argument("--quality", type=int, help=_t("品質 (大きいほど優先)", "quality (larger is preferred)"))
    imp.add_argument(
        "--allow-unsigned",
        action="store_true",
        help=_t(
            "署名のない (信頼されていない) バンドルも取り込む",
            "accept bundles that are unsigned or signed by an untrusted key",
        ),
    )
    imp.add_argument(
        "--replace",
        action="store_true",
        help=_t("同じ ID のモデルを置き換える", "replace a model with the same id"),
    )

    ver = sub.add_parser(
        "verify", help=_t("モデルのファイルを検証する", "check model files against their hashes")
    )
    ver.add_argument("model_id", nargs="?", metavar="ID")

    rem = sub.add_parser("remove", help=_t("取り込んだモデルを削除する", "remove an imported model"))
    rem.add_argument("model_id", metavar="ID")
    rem.add_argument("-y", "--yes", action="store_true", help=_t("確認しない", "do not ask for confirmation"))

    info = sub.add_parser("info", help=_t("モデルの詳細", "show a model's details"))
    info.add_argument("model_id", metavar="ID")

    conv = sub.add_parser(
        "convert",
        help=_t(
            "Transformers のモデルを変換する (convert 追加パッケージが必要)",
            "convert a Transformers model (needs the convert extra)",
        ),
    )
    conv.add_argument("hf_dir", type=Path, metavar="HF_DIR")
    conv.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    conv.add_argument("--from", dest="source_lang", metavar="LANG")
    conv.add_argument("--to", dest="target_lang", metavar="LANG")
    conv.add_argument("--id", dest="model_id")
    conv.add_argument("--name-ja")
    conv.add_argument("--name-en")
    conv.add_argument("--quality", type=int, default=0)
    conv.add_argument("--license", default="")
    conv.add_argument("--quantization", default="int8")
    conv.add_argument(
        "--force", action="store_true", help=_t("出力先を置き換える", "replace OUT if it exists")
    )

    pk = sub.add_parser("pack", help=_t("署名付きの .wsmodel を作る", "write a signed .wsmodel bundle"))
    pk.add_argument("source", metavar="DIR|ID")
    pk.add_argument("-o", "--output", type=Path, required=True, metavar="NAME.wsmodel")
    pk.add_argument(
        "--key", type=Path, required=True, metavar="KEY", help=_t("秘密鍵 (PEM)", "private key (PEM)")
    )

    kg = sub.add_parser(
        "keygen", help=_t("署名用の鍵ペアを作る (IT 用)", "create a signing key pair (for IT)")
    )
    kg.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    kg.add_argument("--name", default="workstation-signing")
    kg.add_argument(
        "--passphrase",
        action="store_true",
        help=_t(
            f"秘密鍵をパスフレーズで暗号化する (入力を求めるか {PASSPHRASE_ENV} を使う)",
            f"encrypt the private key with a passphrase (prompted, or from {PASSPHRASE_ENV})",
        ),
    )

    tr = sub.add_parser("trust", help=_t("信頼する公開鍵を追加・一覧する", "add or list trusted public keys"))
    tr.add_argument("key", nargs="?", type=Path, metavar="PUBLIC_KEY")

    de = sub.add_parser(
        "default",
        help=_t("方向ごとの既定モデルを表示・設定する", "show or set the default model of a direction"),
    )
    de.add_argument("source_lang", metavar="SRC")
    de.add_argument("target_lang", metavar="TGT")
    de.add_argument("model_id", nargs="?", metavar="ID")
    de.add_argument("--clear", action="store_true", help=_t("選択を解除する", "forget the choice"))


def run(args: argparse.Namespace) -> int:
    handler = {
        "list": _list,
        "import": _import,
        "verify": _verify,
        "remove": _remove,
        "info": _info,
        "convert": _convert,
        "pack": _pack,
        "keygen": _keygen,
        "trust": _trust,
        "default": _default,
    }[args.models_command]
    return handler(args)


def _registry() -> ModelRegistry:
    from workstation.translate.registry import ModelRegistry

    return ModelRegistry()


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def _default_ids(registry: ModelRegistry) -> set[str]:
    ids = set()
    for source, target in registry.directions():
        ids.add(registry.default_for(source, target).id)
    return ids


def _kind(model: InstalledModel) -> str:
    return _t("内蔵", "built-in") if model.builtin else _t("追加", "installed")


def _list(args: argparse.Namespace) -> int:
    registry = _registry()
    models = registry.models()
    defaults = _default_ids(registry)
    broken = registry.broken()
    if args.format == "json":
        data = {
            "models": [
                {
                    "id": model.id,
                    "source_lang": model.manifest.source_lang,
                    "target_lang": model.manifest.target_lang,
                    "family": model.manifest.family,
                    "builtin": model.builtin,
                    "size": model.size,
                    "default": model.id in defaults,
                    "quality": model.manifest.quality,
                    "name": model.manifest.display_name(current_language()),
                    "path": str(model.path),
                }
                for model in models
            ],
            "broken": [{"path": str(item.path), "reason": str(item.reason)} for item in broken],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not models:
        print(
            _t(
                "モデルがありません。`workstation models import PATH` で取り込んでください。",
                "No models. Import one with `workstation models import PATH`.",
            )
        )
    else:
        rows = [
            (
                "*" if model.id in defaults else " ",
                model.id,
                model.manifest.direction,
                model.manifest.family,
                _kind(model),
                human_size(model.size),
                model.manifest.display_name(current_language()),
            )
            for model in models
        ]
        header = (
            "",
            "ID",
            _t("方向", "direction"),
            _t("種類", "family"),
            "",
            _t("サイズ", "size"),
            _t("名前", "name"),
        )
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            print("  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        print(_t("* = その方向の既定モデル", "* = default model for its direction"))
    for item in broken:
        print(
            _t(
                f"使えないモデル: {item.path}: {item.reason.ja}",
                f"unusable model: {item.path}: {item.reason.en}",
            )
        )
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from workstation.translate.importing import DirectionNeeded, ImportRequest, import_model

    request = ImportRequest(
        source_lang=args.source_lang,
        target_lang=args.target_lang,
        model_id=args.model_id,
        family=args.family,
        name_ja=args.name,
        name_en=args.name,
        quality=args.quality,
        replace=args.replace,
    )
    print(_t(f"{args.path} を取り込んでいます…", f"Importing {args.path}…"), file=sys.stderr)
    try:
        model = import_model(args.path, request, allow_unsigned=args.allow_unsigned)
    except DirectionNeeded:
        if not sys.stdin.isatty():
            raise
        source = (
            request.source_lang or input(_t("原文の言語 (例: ja): ", "Source language (e.g. ja): ")).strip()
        )
        target = (
            request.target_lang or input(_t("訳文の言語 (例: en): ", "Target language (e.g. en): ")).strip()
        )
        request = dataclasses.replace(request, source_lang=source or None, target_lang=target or None)
        model = import_model(args.path, request, allow_unsigned=args.allow_unsigned)
    print(
        _t(
            f"取り込みました: {model.id} ({model.manifest.direction}, {human_size(model.size)}) → {model.path}",
            f"Imported {model.id} ({model.manifest.direction}, {human_size(model.size)}) into {model.path}",
        )
    )
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    from workstation.translate.verify import verify_model

    registry = _registry()
    models = [registry.get(args.model_id)] if args.model_id else registry.models()
    failed = 0
    for model in models:
        report = verify_model(model.path, model.manifest)
        print(str(report.summary()))
        for problem in report.problems:
            print(f"  {problem.describe()}")
        failed += not report.ok
    if not args.model_id:
        for item in registry.broken():
            print(
                _t(
                    f"使えないモデル: {item.path}: {item.reason.ja}",
                    f"unusable model: {item.path}: {item.reason.en}",
                )
            )
            failed += 1
    if failed:
        print(
            _t(
                f"workstation: {failed} 個のモデルに問題があります。取り込み直してください。",
                f"workstation: {failed} model(s) failed verification; import them again.",
            ),
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    return EXIT_OK


def _remove(args: argparse.Namespace) -> int:
    from workstation.errors import WorkstationError

    registry = _registry()
    model = registry.get(args.model_id)
    if model.builtin:
        raise WorkstationError(
            Text(
                f"内蔵モデル {model.id} は削除できません。",
                f"The built-in model {model.id} cannot be removed.",
            )
        )
    if not registry.is_user_installed(model):
        raise WorkstationError(
            Text(
                f"モデル {model.id} は設定されたフォルダー {model.path} にあり、ここからは削除しません。",
                f"Model {model.id} lives in a configured folder ({model.path}); it is not removed from here.",
            )
        )
    if not args.yes and sys.stdin.isatty():
        answer = input(
            _t(
                f"{model.id} ({model.path}) を削除しますか? [y/N] ",
                f"Remove {model.id} ({model.path})? [y/N] ",
            )
        )
        if answer.strip().lower() not in ("y", "yes", "はい"):
            print(_t("削除しませんでした。", "Nothing removed."))
            return EXIT_OK
    shutil.rmtree(model.path)
    source, target = model.manifest.source_lang, model.manifest.target_lang
    if registry.user_default(source, target) == model.id:
        registry.set_default(source, target, None)
    print(_t(f"削除しました: {model.id}", f"Removed {model.id}"))
    return EXIT_OK


def _info(args: argparse.Namespace) -> int:
    registry = _registry()
    model = registry.get(args.model_id)
    manifest = model.manifest
    is_default = registry.default_for(manifest.source_lang, manifest.target_lang).id == model.id
    lines = [
        ("ID", manifest.id),
        (_t("名前", "name"), f"{manifest.name_ja} / {manifest.name_en}"),
        (_t("方向", "direction"), manifest.direction + (_t(" (既定)", " (default)") if is_default else "")),
        (_t("種類", "family"), manifest.family),
        (_t("区分", "kind"), _kind(model)),
        (_t("場所", "path"), str(model.path)),
        (_t("サイズ", "size"), human_size(model.size)),
        (_t("品質", "quality"), str(manifest.quality)),
        (_t("トークナイザー", "tokenizers"), f"{manifest.source_tokenizer} / {manifest.target_tokenizer}"),
        (_t("入力の前置トークン", "source prefix"), " ".join(manifest.source_prefix) or "-"),
        (_t("入力の後置トークン", "source suffix"), " ".join(manifest.source_suffix) or "-"),
        (_t("出力の前置トークン", "target prefix"), " ".join(manifest.target_prefix) or "-"),
        (_t("ライセンス", "license"), manifest.license or "-"),
        (_t("出所", "origin"), manifest.origin or "-"),
        ("CTranslate2", manifest.ctranslate2_version or "-"),
        (
            _t("既定のデコード", "decoding defaults"),
            f"repetition_penalty {manifest.decoding.repetition_penalty}, "
            f"no_repeat_ngram_size {manifest.decoding.no_repeat_ngram_size}, "
            f"length_penalty {manifest.decoding.length_penalty}, "
            f"back_translation_weight {manifest.decoding.back_translation_weight}",
        ),
    ]
    width = max(len(label) for label, _ in lines)
    for label, value in lines:
        print(f"{label.ljust(width)}  {value}")
    print(_t("ファイル:", "files:"))
    for name, entry in sorted(manifest.files.items()):
        print(f"  {name}  {human_size(entry.size)}  sha256:{entry.sha256}")
    return EXIT_OK


def _convert(args: argparse.Namespace) -> int:
    from workstation.translate.convert import ConvertOptions, convert_model

    options = ConvertOptions(
        source_lang=args.source_lang,
        target_lang=args.target_lang,
        model_id=args.model_id,
        name_ja=args.name_ja,
        name_en=args.name_en,
        quality=args.quality,
        license=args.license,
        quantization=args.quantization,
        force=args.force,
    )
    print(_t(f"{args.hf_dir} を変換しています…", f"Converting {args.hf_dir}…"), file=sys.stderr)
    manifest = convert_model(args.hf_dir, args.output, options)
    print(
        _t(
            f"変換しました: {manifest.id} ({manifest.direction}, {human_size(manifest.total_size)}) → {args.output}",
            f"Converted {manifest.id} ({manifest.direction}, {human_size(manifest.total_size)}) into {args.output}",
        )
    )
    return EXIT_OK


def _pack(args: argparse.Namespace) -> int:
    from workstation.translate.bundle import BUNDLE_SUFFIX, PassphraseNeeded, pack

    source = Path(args.source)
    model_dir = source if source.is_dir() else _registry().get(args.source).path
    output = (
        args.output
        if args.output.suffix == BUNDLE_SUFFIX
        else args.output.with_name(args.output.name + BUNDLE_SUFFIX)
    )
    try:
        pack(model_dir, output, args.key)
    except PassphraseNeeded:
        pack(model_dir, output, args.key, passphrase=_passphrase(confirm=False))
    print(_t(f"署名付きバンドルを作成しました: {output}", f"Wrote the signed bundle {output}"))
    return EXIT_OK


def _passphrase(*, confirm: bool) -> bytes:
    """The signing key's passphrase: from ``WORKSTATION_KEY_PASSPHRASE``, else asked on the terminal."""
    import getpass
    import os

    from workstation.errors import WorkstationError

    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value.encode("utf-8")
    if not sys.stdin.isatty():
        raise WorkstationError(
            Text(
                f"パスフレーズが必要です。端末で実行するか {PASSPHRASE_ENV} を設定してください。",
                f"A passphrase is needed; run this on a terminal or set {PASSPHRASE_ENV}.",
            )
        )
    value = getpass.getpass(_t("パスフレーズ: ", "Passphrase: "))
    if confirm and getpass.getpass(_t("もう一度: ", "Again: ")) != value:
        raise WorkstationError(Text("パスフレーズが一致しません。", "The passphrases do not match."))
    if not value:
        raise WorkstationError(Text("パスフレーズが空です。", "The passphrase is empty."))
    return value.encode("utf-8")


def _keygen(args: argparse.Namespace) -> int:
    from workstation.translate.bundle import keygen

    pair = keygen(args.output, args.name, passphrase=_passphrase(confirm=True) if args.passphrase else None)
    print(
        _t(
            f"秘密鍵: {pair.private_path} (安全な場所に保管し、配布しないでください)",
            f"private key: {pair.private_path} (keep it safe; never distribute it)",
        )
    )
    print(_t(f"公開鍵: {pair.public_path}", f"public key:  {pair.public_path}"))
    print(_t(f"鍵 ID: {pair.key_id}", f"key id:      {pair.key_id}"))
    print(_t(f"公開鍵 (base64): {pair.public_base64}", f"public key (base64): {pair.public_base64}"))
    print(
        _t(
            "各端末で `workstation models trust 公開鍵ファイル` を実行するか、インストーラーの trusted-keys/ に公開鍵を入れてください。",
            "On each laptop run `workstation models trust PUBLIC_KEY_FILE`, or ship the public key in the installer's trusted-keys/ folder.",
        )
    )
    return EXIT_OK


def _trust(args: argparse.Namespace) -> int:
    from workstation.errors import WorkstationError
    from workstation.io.atomic import atomic_write_bytes
    from workstation.translate.bundle import key_id, parse_public_key, trusted_key_dirs, trusted_keys

    if args.key is not None:
        try:
            text = args.key.read_text(encoding="utf-8")
            public_key = parse_public_key(text)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise WorkstationError(
                Text(
                    f"{args.key} は Ed25519 の公開鍵 (PEM または base64) として読めません。",
                    f"{args.key} is not an Ed25519 public key (PEM or base64).",
                ),
                detail=repr(exc),
            ) from None
        directory = trusted_key_dirs()[0]
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        identifier = key_id(public_key)
        atomic_write_bytes(directory / f"{identifier}.pub", text.encode("utf-8"))
        print(
            _t(
                f"公開鍵 {identifier} を信頼する鍵に追加しました。",
                f"Added public key {identifier} to the trusted keys.",
            )
        )
        return EXIT_OK
    keys = trusted_keys()
    if not keys:
        print(
            _t(
                f"信頼する公開鍵はありません ({trusted_key_dirs()[0]})。",
                f"No trusted public keys ({trusted_key_dirs()[0]}).",
            )
        )
    for key in keys:
        print(f"{key.key_id}  {key.source}")
    return EXIT_OK


def _default(args: argparse.Namespace) -> int:
    registry = _registry()
    if args.clear:
        registry.set_default(args.source_lang, args.target_lang, None)
        print(_t("既定モデルの選択を解除しました。", "Forgot the chosen default model."))
        return EXIT_OK
    if args.model_id:
        registry.set_default(args.source_lang, args.target_lang, args.model_id)
    model = registry.default_for(args.source_lang, args.target_lang)
    chosen = registry.user_default(args.source_lang, args.target_lang) == model.id
    print(
        _t(
            f"{args.source_lang}→{args.target_lang}: {model.id}"
            + (" (ユーザーの選択)" if chosen else " (自動)"),
            f"{args.source_lang}→{args.target_lang}: {model.id}"
            + (" (your choice)" if chosen else " (automatic)"),
        )
    )
    return EXIT_OK
