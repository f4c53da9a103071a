"""Train a small Marian ja⇄en translation model on ../shared/corpus and ship it as CTranslate2 int8.

One command per direction (needs the ``train`` extra; see build/training.md)::

    .venv-train/bin/python build/train_model.py --direction ja-en --minutes 120 --out build/work/ja-en
    .venv-train/bin/python build/train_model.py --direction ja-en --minutes 60 --out build/work/ja-en --resume

Stages (``--stage``): ``spm`` trains the shared SentencePiece model, ``train`` trains the Transformer
(checkpoints under OUT, resumable), ``export`` picks the best checkpoint (or an average of the last
ones), writes a Transformers model + MarianTokenizer files, converts it with ``workstation models
convert`` (int8) into ``--ship`` and writes the model card; ``all`` runs the three in order.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT.parent / "shared" / "corpus"
DEFAULT_SPM_DIR = ROOT / "build" / "work" / "spm"

LANG_NAMES = {"ja": ("日", "Japanese"), "en": ("英", "English")}
DEFAULT_VOCAB_SIZE = 16000
DEFAULT_BATCH_TOKENS = 1600
DEFAULT_MAX_PIECES = 120
DEFAULT_PEAK_LR = 1e-3
DEFAULT_WARMUP_STEPS = 400
DEFAULT_LABEL_SMOOTHING = 0.1
DEFAULT_CLIP_NORM = 1.0
DEFAULT_VALIDATE_MINUTES = 15.0
DEFAULT_CHECKPOINT_MINUTES = 5.0
DEFAULT_KEEP_SNAPSHOTS = 5
DEFAULT_PLACEHOLDER_COPIES = 2
"""Extra copies of each training pair that can carry placeholders (see :func:`placeholder_pairs`)."""
SHARED_TOKEN = re.compile(
    r"(?<![A-Za-z0-9.])(?:[0-9][0-9.,:]*|[A-Za-z0-9.\-]*[A-Z0-9][A-Za-z0-9.\-]*[A-Za-z0-9])(?![A-Za-z0-9])"
)
"""A number or a Latin word with a capital or a digit: what a pair may carry unchanged on both sides (FBI, 2003,
Python); lower-case words are left alone (in noisy lines "we" or "is" turn up in the Japanese too)."""
MOSTLY_LATIN = 0.3
"""Pairs whose Japanese side is more than this share of Latin letters are not masked (untranslated lines)."""
VALID_LOSS_LINES = 400
VALID_CHRF_LINES = 120
SEED = 1234
UNK_ID = 1


@dataclass(frozen=True)
class ModelSize:
    """Architecture hyper-parameters of the Marian model."""

    d_model: int = 256
    encoder_layers: int = 4
    decoder_layers: int = 3
    heads: int = 4
    ffn_dim: int = 1024
    dropout: float = 0.1
    max_positions: int = 512


def log(message: str) -> None:
    """Print a timestamped log line (stdout is redirected to a log file in background runs)."""
    print(time.strftime("%H:%M:%S"), message, flush=True)


def read_tsv(path: Path) -> list[tuple[str, str, str]]:
    """Read ``ja<TAB>en<TAB>source`` lines."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[0].strip() and parts[1].strip():
                rows.append((parts[0].strip(), parts[1].strip(), parts[2].strip()))
    return rows


def pairs_for(rows: list[tuple[str, str, str]], direction: str) -> list[tuple[str, str, str]]:
    """Return (source, target, origin) triples for ``ja-en`` or ``en-ja``."""
    if direction == "ja-en":
        return [(ja, en, origin) for ja, en, origin in rows]
    return [(en, ja, origin) for ja, en, origin in rows]


def encodes_placeholders(sp) -> bool:
    """Whether the vocabulary writes ``[1]`` without ``<unk>`` (else the model can never learn to copy it)."""
    return sp.unk_id() not in sp.encode("[1]")


def placeholder_pairs(pairs: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Copies of the pairs whose protected spans can be masked on both sides, masked as the engine masks them.

    The engine replaces numbers, dates, URLs, "do not translate" terms and glossary terms with ``[1]``, ``[2]`` …
    and expects the model to copy them; a model that never saw one drops them (the built-in models of stop 17 lost
    every placeholder). A pair qualifies when each masked source span — what :func:`workstation.translate.protect.mask`
    finds, plus Latin words and numbers written the same on both sides, as terms — occurs verbatim in the target;
    the target gets the same placeholders. About 3,700 of the 110,382 pairs qualify (12時45分 / 12:45 does not).
    """
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from workstation.translate.protect import mask

    masked_pairs = []
    for source, target, origin in pairs:
        japanese = target if source.isascii() else source
        if sum(char.isascii() and char.isalpha() for char in japanese) > MOSTLY_LATIN * len(japanese):
            continue
        shared = [token for token in set(SHARED_TOKEN.findall(source)) if token in set(SHARED_TOKEN.findall(target))]
        if not shared:
            continue
        masked = mask(source, terms=shared)
        if not masked.spans or any(span.text not in target for span in masked.spans):
            continue
        masked_target = target
        for span in sorted({span.text: span for span in masked.spans}.values(), key=lambda span: -len(span.text)):
            masked_target = re.sub(
                rf"(?<![A-Za-z0-9\[]){re.escape(span.text)}(?![A-Za-z0-9\]])", span.placeholder, masked_target
            )
        if all(span.placeholder in masked_target for span in masked.spans):
            masked_pairs.append((masked.masked, masked_target, origin))
    return masked_pairs


# --------------------------------------------------------------------------- SentencePiece


def train_spm(spm_dir: Path, vocab_size: int) -> Path:
    """Train one shared unigram SentencePiece model on both sides of train.tsv (Marian id layout)."""
    import sentencepiece as spm

    model_path = spm_dir / "spm.model"
    if model_path.exists():
        log(f"SentencePiece model exists: {model_path}")
        return model_path
    spm_dir.mkdir(parents=True, exist_ok=True)
    text_path = spm_dir / "spm-input.txt"
    rows = read_tsv(CORPUS_DIR / "train.tsv")
    with text_path.open("w", encoding="utf-8") as handle:
        for ja, en, _ in rows:
            handle.write(ja + "\n" + en + "\n")
    spm.SentencePieceTrainer.train(
        input=str(text_path),
        model_prefix=str(spm_dir / "spm"),
        model_type="unigram",
        vocab_size=vocab_size,
        character_coverage=0.9995,
        # Marian layout: </s> = 0, <unk> = 1; <pad> is appended after the pieces (see vocab.json).
        eos_id=0,
        unk_id=1,
        bos_id=-1,
        pad_id=-1,
        normalization_rule_name="nmt_nfkc",
        # The engine's placeholders ([1], [2] ...) must be pieces: train.tsv has too few brackets for the unigram
        # model to keep "[" and "]" (the vocabulary of the stop-5 models has neither).
        user_defined_symbols=["[", "]"],
        input_sentence_size=1_000_000,
        shuffle_input_sentence=True,
        num_threads=2,
        seed_sentencepiece_size=500_000,
    )
    text_path.unlink()
    log(f"trained SentencePiece model {model_path}")
    return model_path


def load_spm(spm_dir: Path):
    import sentencepiece as spm

    return spm.SentencePieceProcessor(model_file=str(spm_dir / "spm.model"))


def write_tokenizer_files(sp, spm_dir: Path, dest: Path, direction: str) -> None:
    """Write MarianTokenizer files: source.spm, target.spm, vocab.json, tokenizer_config.json."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(spm_dir / "spm.model", dest / "source.spm")
    shutil.copyfile(spm_dir / "spm.model", dest / "target.spm")
    vocab = {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}
    vocab["<pad>"] = sp.get_piece_size()
    (dest / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=0), encoding="utf-8")
    source, target = direction.split("-")
    config = {
        "source_lang": source,
        "target_lang": target,
        "separate_vocabs": False,
        "model_max_length": 512,
        "eos_token": "</s>",
        "unk_token": "<unk>",
        "pad_token": "<pad>",
        "tokenizer_class": "MarianTokenizer",
    }
    (dest / "tokenizer_config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")


# --------------------------------------------------------------------------- model


def build_model(vocab_size: int, size: ModelSize):
    """Create a fresh MarianMTModel (shared, tied embeddings; <pad> = last id, also the decoder start)."""
    from transformers import MarianConfig, MarianMTModel

    pad_id = vocab_size - 1
    config = MarianConfig(
        vocab_size=vocab_size,
        decoder_vocab_size=vocab_size,
        d_model=size.d_model,
        encoder_layers=size.encoder_layers,
        decoder_layers=size.decoder_layers,
        encoder_attention_heads=size.heads,
        decoder_attention_heads=size.heads,
        encoder_ffn_dim=size.ffn_dim,
        decoder_ffn_dim=size.ffn_dim,
        dropout=size.dropout,
        attention_dropout=0.0,
        activation_dropout=0.0,
        activation_function="swish",
        max_position_embeddings=size.max_positions,
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        pad_token_id=pad_id,
        eos_token_id=0,
        decoder_start_token_id=pad_id,
        forced_eos_token_id=0,
        bad_words_ids=[[pad_id], [UNK_ID]],
        num_beams=4,
        max_length=256,
    )
    model = MarianMTModel(config)
    zero_pad_row(model)
    return model


def zero_pad_row(model) -> None:
    """Keep the <pad> embedding at zero: CTranslate2 starts the decoder from a zero embedding."""
    import torch

    pad_id = model.config.pad_token_id
    with torch.no_grad():
        model.get_input_embeddings().weight[pad_id].zero_()
        model.final_logits_bias[..., pad_id] = 0.0


def count_parameters(model) -> int:
    """Unique trainable parameters (tied weights counted once; sinusoidal positions excluded)."""
    seen = set()
    total = 0
    for name, param in model.named_parameters():
        if "embed_positions" in name or id(param) in seen:
            continue
        seen.add(id(param))
        total += param.numel()
    return total


# --------------------------------------------------------------------------- data


def encode_pairs(sp, pairs, max_pieces: int) -> list[tuple[list[int], list[int]]]:
    """SentencePiece-encode pairs, append </s>, and drop over-long or badly mismatched pairs."""
    sources = sp.encode([p[0] for p in pairs])
    targets = sp.encode([p[1] for p in pairs])
    kept = []
    for src, tgt in zip(sources, targets, strict=True):
        if not src or not tgt or len(src) >= max_pieces or len(tgt) >= max_pieces:
            continue
        longer, shorter = max(len(src), len(tgt)), min(len(src), len(tgt))
        if longer > 8 and longer > 4 * shorter:
            continue
        kept.append(([*src, 0], [*tgt, 0]))
    return kept


def make_batches(examples, batch_tokens: int, epoch: int) -> list[list[int]]:
    """Length-bucketed batches (padded size ≤ batch_tokens), in a shuffled order fixed by the epoch."""
    rng = random.Random(SEED + epoch)
    order = list(range(len(examples)))
    rng.shuffle(order)
    pool_size = 50 * 256
    batches: list[list[int]] = []
    for start in range(0, len(order), pool_size):
        pool = sorted(order[start : start + pool_size], key=lambda i: (len(examples[i][0]), len(examples[i][1])))
        batch: list[int] = []
        longest = 0
        for index in pool:
            length = max(len(examples[index][0]), len(examples[index][1]) + 1)
            if batch and max(longest, length) * (len(batch) + 1) > batch_tokens:
                batches.append(batch)
                batch, longest = [], 0
            batch.append(index)
            longest = max(longest, length)
        if batch:
            batches.append(batch)
    rng.shuffle(batches)
    return batches


def collate(examples, indices, pad_id: int):
    """Return (source ids, source mask, decoder inputs, labels) tensors; labels use -100 for padding and <unk>."""
    import torch

    sources = [examples[i][0] for i in indices]
    targets = [examples[i][1] for i in indices]
    src_len = max(map(len, sources))
    tgt_len = max(map(len, targets))
    src = torch.full((len(indices), src_len), pad_id, dtype=torch.long)
    dec = torch.full((len(indices), tgt_len), pad_id, dtype=torch.long)
    labels = torch.full((len(indices), tgt_len), -100, dtype=torch.long)
    for row, (s, t) in enumerate(zip(sources, targets, strict=True)):
        src[row, : len(s)] = torch.tensor(s)
        labels[row, : len(t)] = torch.tensor(t)
        labels[row, : len(t)][labels[row, : len(t)] == UNK_ID] = -100  # never teach the model to write <unk>
        dec[row, 1 : len(t)] = torch.tensor(t[:-1])
    return src, src != pad_id, dec, labels


def sequence_loss(model, src, mask, dec, labels, smoothing: float):
    """Label-smoothed cross-entropy summed over target tokens; logits only where there are labels.

    The <pad> class (last id) is left out of the softmax, so it never gets probability mass.
    """
    import torch.nn.functional as F

    hidden = model.model(input_ids=src, attention_mask=mask, decoder_input_ids=dec).last_hidden_state
    keep = labels != -100
    selected = hidden[keep]
    pad_id = model.config.pad_token_id
    weight = model.lm_head.weight[:pad_id]
    logits = F.linear(selected, weight) + model.final_logits_bias[0, :pad_id]
    log_probs = F.log_softmax(logits, dim=-1)
    token_nll = -log_probs.gather(1, labels[keep].unsqueeze(1)).squeeze(1)
    loss = ((1.0 - smoothing) * token_nll - smoothing * log_probs.mean(dim=-1)).sum()
    return loss, float(token_nll.detach().sum()), int(keep.sum())


# --------------------------------------------------------------------------- validation


def translate_greedy(model, sp, sentences: list[str], batch_size: int = 32, num_beams: int = 1) -> list[str]:
    """Translate with the Transformers model (used for validation while training)."""
    import torch

    model.eval()
    pad_id = model.config.pad_token_id
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
    results: dict[int, str] = {}
    with torch.no_grad():
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            encoded = [[*sp.encode(sentences[i])[:DEFAULT_MAX_PIECES], 0] for i in chunk]
            length = max(map(len, encoded))
            src = torch.full((len(chunk), length), pad_id, dtype=torch.long)
            for row, ids in enumerate(encoded):
                src[row, : len(ids)] = torch.tensor(ids)
            generated = model.generate(
                input_ids=src,
                attention_mask=src != pad_id,
                num_beams=num_beams,
                max_new_tokens=int(length * 2 + 10),
                bad_words_ids=[[pad_id], [UNK_ID]],
            )
            for row, index in enumerate(chunk):
                ids = [t for t in generated[row].tolist() if t not in (pad_id, 0)]
                results[index] = sp.decode(ids)
    return [results[i] for i in range(len(sentences))]


def validate(model, sp, valid_examples, chrf_pairs, pad_id: int, smoothing: float) -> dict[str, float]:
    """Dev loss on a fixed subset and quick greedy chrF on a small fixed sample."""
    import sacrebleu
    import torch

    model.eval()
    total_nll = 0.0
    total_tokens = 0
    with torch.no_grad():
        for batch in make_batches(valid_examples, 4000, epoch=0):
            src, mask, dec, labels = collate(valid_examples, batch, pad_id)
            _, nll, tokens = sequence_loss(model, src, mask, dec, labels, smoothing)
            total_nll += float(nll)
            total_tokens += tokens
    hypotheses = translate_greedy(model, sp, [p[0] for p in chrf_pairs])
    chrf = sacrebleu.corpus_chrf(hypotheses, [[p[1] for p in chrf_pairs]]).score
    model.train()
    return {"dev_nll": total_nll / max(total_tokens, 1), "dev_chrf_greedy": chrf}


def dev_subsets(direction: str):
    """Fixed dev subsets for validation: loss lines and chrF lines (both drawn with seed 7)."""
    pairs = pairs_for(read_tsv(CORPUS_DIR / "dev.tsv"), direction)
    rng = random.Random(7)
    shuffled = pairs[:]
    rng.shuffle(shuffled)
    return shuffled[:VALID_LOSS_LINES], shuffled[VALID_LOSS_LINES : VALID_LOSS_LINES + VALID_CHRF_LINES]


# --------------------------------------------------------------------------- checkpoints


def save_atomic(obj, path: Path) -> None:
    import torch

    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save(obj, tmp)
    os.replace(tmp, path)


def snapshot_step(path: Path) -> int:
    """The training step of a ``snapshot-<step>.pt`` file."""
    return int(path.stem.split("-")[1])


def snapshot_paths(out: Path) -> list[Path]:
    """Weight snapshots taken at validations, oldest first."""
    return sorted(out.glob("snapshot-*.pt"), key=snapshot_step)


# --------------------------------------------------------------------------- training


def lr_at(step: int, peak: float, warmup: int) -> float:
    """Linear warm-up to ``peak``, then inverse-square-root decay."""
    step = max(step, 1)
    return peak * min(step / warmup, math.sqrt(warmup / step))


def cooldown_factor(remaining_seconds: float, cooldown_seconds: float) -> float:
    """Learning-rate multiplier for a run's final cool-down: 1, then linearly down to 0 over its last part."""
    if cooldown_seconds <= 0:
        return 1.0
    return min(1.0, max(remaining_seconds, 0.0) / cooldown_seconds)


def train(args) -> None:
    import torch

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(SEED)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    sp = load_spm(args.spm_dir)
    vocab_size = sp.get_piece_size() + 1
    pad_id = vocab_size - 1
    size = ModelSize(
        d_model=args.d_model,
        encoder_layers=args.encoder_layers,
        decoder_layers=args.decoder_layers,
        heads=args.heads,
        ffn_dim=args.ffn_dim,
        dropout=args.dropout,
    )
    state_path = out / "last.pt"
    state = None
    if args.resume and state_path.exists():
        state = torch.load(state_path, map_location="cpu", weights_only=False)
        size = ModelSize(**state["size"])
        log(f"resuming from step {state['step']} (epoch {state['epoch']}, batch {state['batch_index']})")
    elif args.resume:
        log("no checkpoint to resume from; starting fresh")
    model = build_model(vocab_size, size)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.peak_lr, betas=(0.9, 0.98), eps=1e-9)
    step, epoch, batch_index, trained_seconds = 0, 0, 0, 0.0
    history: list[dict] = []
    best = {"dev_chrf_greedy": -1.0, "step": 0}
    if state is not None:
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        step, epoch, batch_index = state["step"], state["epoch"], state["batch_index"]
        trained_seconds = state["trained_seconds"]
        history = state["history"]
        best = state["best"]
        random.setstate(state["python_rng"])
        torch.set_rng_state(state["torch_rng"])
    log(f"model: {asdict(size)}, vocab {vocab_size}, {count_parameters(model) / 1e6:.2f}M parameters")

    train_pairs = pairs_for(read_tsv(CORPUS_DIR / "train.tsv"), args.direction)
    masked_pairs = placeholder_pairs(train_pairs) if encodes_placeholders(sp) else []
    if not masked_pairs and args.placeholder_copies:
        log("the SentencePiece vocabulary has no [ or ]: no placeholder copies (a new vocabulary has them)")
    examples = encode_pairs(sp, train_pairs + masked_pairs * args.placeholder_copies, args.max_pieces)
    log(
        f"training pairs: {len(examples)} kept of {len(train_pairs)} "
        f"+ {args.placeholder_copies} × {len(masked_pairs)} with placeholders"
    )
    loss_pairs, chrf_pairs = dev_subsets(args.direction)
    valid_examples = encode_pairs(sp, loss_pairs, 10_000)

    def checkpoint() -> None:
        save_atomic(
            {
                "model": model.state_dict(),
                "optimizer": optimizer.state_dict(),
                "size": asdict(size),
                "direction": args.direction,
                "step": step,
                "epoch": epoch,
                "batch_index": batch_index,
                "batches_in_epoch": len(batches),
                "trained_seconds": trained_seconds,
                "history": history,
                "best": best,
                "python_rng": random.getstate(),
                "torch_rng": torch.get_rng_state(),
                "args": {k: str(v) for k, v in vars(args).items()},
            },
            state_path,
        )

    def run_validation() -> None:
        nonlocal best
        metrics = validate(model, sp, valid_examples, chrf_pairs, pad_id, args.label_smoothing)
        record = {"step": step, "epoch": epoch, "trained_minutes": round(trained_seconds / 60, 1), **metrics}
        history.append(record)
        log(f"validation: {json.dumps(record)}")
        weights = {k: v.clone() for k, v in model.state_dict().items()}
        save_atomic({"model": weights, "size": asdict(size), "step": step, **metrics}, out / f"snapshot-{step}.pt")
        for old in snapshot_paths(out)[: -args.keep_snapshots]:
            old.unlink()
        if metrics["dev_chrf_greedy"] > best["dev_chrf_greedy"]:
            best = {"step": step, **metrics}
            shutil.copyfile(out / f"snapshot-{step}.pt", out / "best.pt")
            log(f"new best checkpoint at step {step}")
        (out / "history.json").write_text(json.dumps({"history": history, "best": best}, indent=1))

    model.train()
    run_start = time.monotonic()
    budget = args.minutes * 60
    last_checkpoint = last_validation = time.monotonic()
    window_loss = window_tokens = 0.0
    window_start = time.monotonic()
    batches = make_batches(examples, args.batch_tokens, epoch)
    log(f"epoch {epoch}: {len(batches)} batches")
    while time.monotonic() - run_start < budget:
        if batch_index >= len(batches):
            epoch += 1
            batch_index = 0
            batches = make_batches(examples, args.batch_tokens, epoch)
            log(f"epoch {epoch}: {len(batches)} batches")
        step_start = time.monotonic()
        src, mask, dec, labels = collate(examples, batches[batch_index], pad_id)
        loss, nll, tokens = sequence_loss(model, src, mask, dec, labels, args.label_smoothing)
        optimizer.zero_grad(set_to_none=True)
        (loss / tokens).backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip_norm)
        step += 1
        lr = lr_at(step, args.peak_lr, args.warmup_steps) * cooldown_factor(
            budget - (time.monotonic() - run_start), args.cooldown_minutes * 60
        )
        for group in optimizer.param_groups:
            group["lr"] = lr
        optimizer.step()
        zero_pad_row(model)
        batch_index += 1
        trained_seconds += time.monotonic() - step_start
        window_loss += float(nll)
        window_tokens += tokens
        if step % 100 == 0:
            elapsed = time.monotonic() - window_start
            log(
                f"step {step} epoch {epoch} ({batch_index}/{len(batches)}) nll {window_loss / window_tokens:.3f} "
                f"lr {lr:.2e} {window_tokens / elapsed:.0f} tgt tok/s"
            )
            window_loss = window_tokens = 0.0
            window_start = time.monotonic()
        now = time.monotonic()
        if now - last_validation >= args.validate_minutes * 60:
            run_validation()
            last_validation = time.monotonic()
        if now - last_checkpoint >= args.checkpoint_minutes * 60:
            checkpoint()
            last_checkpoint = time.monotonic()
    run_validation()
    checkpoint()
    log(f"training stopped after {trained_seconds / 60:.1f} trained minutes, step {step}, best {best}")


# --------------------------------------------------------------------------- export


def average_snapshots(paths: list[Path]):
    """Element-wise mean of snapshot weights."""
    import torch

    total = None
    for path in paths:
        weights = torch.load(path, map_location="cpu", weights_only=False)["model"]
        if total is None:
            total = {k: v.clone().double() if v.is_floating_point() else v.clone() for k, v in weights.items()}
        else:
            for key, value in weights.items():
                if value.is_floating_point():
                    total[key] += value.double()
    return {k: (v / len(paths)).float() if v.is_floating_point() else v for k, v in total.items()}


SHIPPED = "the model already in --ship"
CHOICE = (
    "chrF on the 400 dev tuning lines outside the 300-line sample, translated as the program does (int8, beam 4,"
    " the shipped decoding defaults), against the model shipped before, among the weights that keep at least"
    " 80 % of the engine's placeholders"
)
MIN_PLACEHOLDER_RATE = 0.8
"""Share of the dev lines with placeholders whose translation must keep all of them for a candidate to ship (when any
candidate does): the engine masks numbers, kept terms and glossary terms, and a model that drops the placeholders
loses them (the stop-17 models kept none)."""
GREEDY_CHOICE = "greedy chrF on the 400 dev tuning lines outside the 300-line sample"
"""How exports before stop 17 chose the weights (their training.json does not say)."""


def choose_weights(args, model, sp) -> tuple[dict | None, str]:
    """Pick the best of: best and last snapshot, averages of the last 2–3 snapshots, and the model already shipped,
    by chrF on the 400 dev lines that ``build/evaluate_model.py`` sets aside for tuning (outside the reported
    300-line sample), each translated as the program would (:func:`product_chrf`). ``(None, SHIPPED)`` when the
    shipped model wins."""
    import evaluate_model
    import torch

    out: Path = args.out
    candidates: dict[str, dict] = {}
    best_step = None
    if (out / "best.pt").exists():
        best = torch.load(out / "best.pt", map_location="cpu", weights_only=False)
        best_step = best["step"]
        candidates[f"best snapshot (step {best_step})"] = best["model"]
    snapshots = snapshot_paths(out)
    if snapshots and snapshot_step(snapshots[-1]) != best_step:
        last = torch.load(snapshots[-1], map_location="cpu", weights_only=False)
        candidates[f"last snapshot (step {last['step']})"] = last["model"]
    for count in (2, 3):
        if len(snapshots) >= count:
            steps = ", ".join(str(snapshot_step(path)) for path in snapshots[-count:])
            candidates[f"average of the last {count} snapshots (steps {steps})"] = average_snapshots(snapshots[-count:])
    if not candidates:
        raise SystemExit(f"no checkpoints in {out}; train first")
    rows = evaluate_model.read_dev()
    lines = evaluate_model.sides([rows[i] for i in evaluate_model.tuning_indices(len(rows))], args.direction.split("-")[0])
    from workstation.translate.manifest import load_manifest
    from workstation.translate.options import TranslateOptions

    shipped = args.ship is not None and (args.ship / "workstation-model.json").exists()
    # Every candidate decodes with the shipped model's settings (its own manifest would have the plain ones).
    options = TranslateOptions().for_model(load_manifest(args.ship).decoding) if shipped else TranslateOptions()
    masked = [source for source, _, _ in placeholder_pairs(pairs_for(rows, args.direction))]
    scores, rates = {}, {}

    def score(name: str, model_dir: Path) -> None:
        scores[name] = product_chrf(args, model_dir, options, *lines)
        rates[name] = placeholder_rate(args, model_dir, masked)
        log(f"{name}: chrF {scores[name]:.2f}, keeps the placeholders of {rates[name]:.0%} of {len(masked)} lines")

    if shipped:
        score(SHIPPED, args.ship)
    for name, weights in candidates.items():
        with tempfile.TemporaryDirectory(prefix="candidate-", dir=out) as work:
            save_transformers(args, model, sp, weights, Path(work) / "hf")
            convert(args, Path(work) / "hf", Path(work) / "ct2")
            score(name, Path(work) / "ct2")
    eligible = [name for name in scores if rates[name] >= MIN_PLACEHOLDER_RATE] or list(scores)
    chosen = max(eligible, key=scores.get)
    return candidates.get(chosen), chosen


def save_transformers(args, model, sp, weights: dict, hf_dir: Path) -> None:
    """``weights`` as a Transformers folder with MarianTokenizer files, ready for the converter."""
    model.load_state_dict(weights)
    zero_pad_row(model)
    if hf_dir.exists():
        shutil.rmtree(hf_dir)
    model.save_pretrained(hf_dir)
    write_tokenizer_files(sp, args.spm_dir, hf_dir, args.direction)


def product_chrf(args, model_dir: Path, options, sources: list[str], references: list[str]) -> float:
    """chrF of ``sources`` translated as the program would: the project's engine, int8, beam 4, ``options``
    (greedy decoding in PyTorch ranked weights differently: stop 17)."""
    import evaluate_model
    import sacrebleu

    engine, _ = evaluate_model.open_engine(model_dir, args.eval_threads, "int8")
    hypotheses = [result.target for result in engine.translate_sentences(sources, options)]
    return sacrebleu.corpus_chrf(hypotheses, [references]).score


def placeholder_rate(args, model_dir: Path, masked_sources: list[str]) -> float:
    """Share of ``masked_sources`` (sentences with ``[1]``-style placeholders) whose translation keeps them all."""
    import evaluate_model

    from workstation.translate.options import TranslateOptions

    engine, _ = evaluate_model.open_engine(model_dir, args.eval_threads, "int8")
    results = engine.translate_sentences(masked_sources, TranslateOptions(protect=frozenset()))
    return sum(not result.missing for result in results) / max(1, len(results))


def batches_in_epoch(args, sp, state) -> int:
    """Number of batches of the checkpoint's current epoch (recomputed for older checkpoints)."""
    if "batches_in_epoch" in state:
        return state["batches_in_epoch"]
    examples = encode_pairs(sp, pairs_for(read_tsv(CORPUS_DIR / "train.tsv"), args.direction), args.max_pieces)
    return len(make_batches(examples, args.batch_tokens, state["epoch"]))


def export(args) -> None:
    import torch

    torch.set_num_threads(args.threads)
    out: Path = args.out
    sp = load_spm(args.spm_dir)
    state = torch.load(out / "last.pt", map_location="cpu", weights_only=False)
    size = ModelSize(**state["size"])
    model = build_model(sp.get_piece_size() + 1, size)
    weights, chosen = choose_weights(args, model, sp)
    if weights is None:
        log(f"no candidate beats {SHIPPED}; it stays as it is")
        return
    hf_dir = out / "hf"
    save_transformers(args, model, sp, weights, hf_dir)
    training = {
        "direction": args.direction,
        "chosen_weights": chosen,
        "chosen_by": CHOICE,
        "size": asdict(size),
        "parameters": count_parameters(model),
        "vocab_size": sp.get_piece_size() + 1,
        "steps": state["step"],
        "epochs": round(state["epoch"] + state["batch_index"] / batches_in_epoch(args, sp, state), 2),
        "trained_minutes": round(state["trained_seconds"] / 60, 1),
        "history": state["history"],
        "args": state["args"],
    }
    (out / "training.json").write_text(json.dumps(training, indent=1), encoding="utf-8")
    log(f"exported {chosen} to {hf_dir}")
    if args.ship:
        convert(args, hf_dir)


def convert(args, hf_dir: Path, destination: Path | None = None) -> None:
    """Convert with the project's converter (``workstation models convert``, int8) into ``destination`` (``--ship``)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from workstation.translate.convert import ConvertOptions, convert_model

    source, target = args.direction.split("-")
    arrow = f"{LANG_NAMES[source][0]}→{LANG_NAMES[target][0]}"
    options = ConvertOptions(
        source_lang=source,
        target_lang=target,
        model_id=f"builtin-{args.direction}",
        name_ja=f"小型モデル {arrow}",
        name_en=f"Small {source}→{target} model",
        quality=0,
        license=MODEL_LICENSE,
        quantization="int8",
        force=True,
    )
    destination = destination or args.ship
    manifest = convert_model(hf_dir, destination, options)
    log(f"converted to {destination} ({manifest.total_size / 1e6:.1f} MB)")


MODEL_LICENSE = (
    "Model weights: CC-BY 2.0 FR (trained on Tatoeba sentences, tatoeba.org / www.manythings.org/anki) "
    "and Apache-2.0 (Coursera En-Ja corpus, Song et al., LREC 2020); attribution in MODEL_CARD.md"
)
MODEL_ORIGIN = "Trained by the workstation project with build/train_model.py on ../shared/corpus (see MODEL_CARD.md)"
CHRF_TARGETS = {"ja-en": 40, "en-ja": 25}
EXAMPLE_SENTENCES = {
    "ja-en": [
        "ありがとうございます。",
        "おはようございます。",
        "駅はどこですか。",
        "今日はとても暑いですね。",
        "会議は明日の午後3時に始まります。",
        "この講義では機械学習の基礎を学びます。",
        "日本政府は新しい経済対策を発表した。",
    ],
    "en-ja": [
        "Thank you very much.",
        "Good morning.",
        "Where is the station?",
        "It is very hot today.",
        "The meeting starts at 3 p.m. tomorrow.",
        "In this lecture, we will learn the basics of machine learning.",
        "The Japanese government announced new economic measures.",
    ],
}


def write_card(args) -> None:
    """Evaluate the shipped model (int8, and fp32 for comparison), write MODEL_CARD.md, re-hash the manifest."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "build"))
    import evaluate_model

    from workstation.translate.convert import ConvertOptions, convert_model
    from workstation.translate.manifest import DecodingDefaults, load_manifest, scan_files, write_manifest

    out: Path = args.out
    ship: Path = args.ship.resolve()
    training = json.loads((out / "training.json").read_text(encoding="utf-8"))
    tuning = None
    if args.tune_decoding:
        tuning = evaluate_model.tune_decoding(ship, threads=args.eval_threads, compute_type="int8")
        (out / "decoding.json").write_text(json.dumps(tuning, indent=1), encoding="utf-8")
        best = tuning["best"]
        decoding = DecodingDefaults(
            best["repetition_penalty"],
            best["no_repeat_ngram_size"],
            best["length_penalty"],
            best.get("back_translation_weight", 0.0),
        )
        write_manifest(ship, replace(load_manifest(ship), decoding=decoding))
        log(f"decoding defaults: {decoding}")
    summary = evaluate_model.evaluate(ship, threads=args.eval_threads, compute_type="int8")
    (out / "eval-int8.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    fp32_summary = None
    if args.compare_fp32:
        fp32_dir = out / "ct2-float32"
        convert_model(out / "hf", fp32_dir, ConvertOptions(quantization="float32", force=True))
        write_manifest(fp32_dir, replace(load_manifest(fp32_dir), decoding=load_manifest(ship).decoding))
        fp32_summary = evaluate_model.evaluate(fp32_dir, threads=args.eval_threads, compute_type="float32")
        (out / "eval-float32.json").write_text(json.dumps(fp32_summary, ensure_ascii=False, indent=1), encoding="utf-8")
    translate, _, _ = evaluate_model.load_translator(ship, args.eval_threads, "int8")
    examples = EXAMPLE_SENTENCES[args.direction]
    outputs = translate(examples)
    pairs = list(zip(examples, outputs, strict=True))
    card = render_card(args.direction, training, summary, fp32_summary, pairs, ship, args.card_note, tuning)
    (ship / "MODEL_CARD.md").write_text(card, encoding="utf-8")
    manifest = load_manifest(ship)
    manifest = replace(manifest, origin=MODEL_ORIGIN, license=MODEL_LICENSE, files=scan_files(ship))
    write_manifest(ship, manifest)
    log(f"wrote {ship / 'MODEL_CARD.md'} and re-hashed the manifest")


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def tuning_table(grid: list[dict]) -> str:
    """The decoding grid as a Markdown table: a row per repetition penalty / n-gram size, a column per length penalty."""
    lengths = sorted({point["length_penalty"] for point in grid})
    rows: dict[tuple[float, int], dict[float, float]] = {}
    for point in grid:
        rows.setdefault((point["repetition_penalty"], point["no_repeat_ngram_size"]), {})[point["length_penalty"]] = point[
            "chrf"
        ]
    header = "| repetition penalty / no-repeat n-gram | " + " | ".join(f"length {length}" for length in lengths) + " |"
    rule = "|---|" + "---:|" * len(lengths)
    body = [
        f"| {penalty} / {ngram} | " + " | ".join(f"{scores[length]:.1f}" if length in scores else "-" for length in lengths) + " |"
        for (penalty, ngram), scores in rows.items()
    ]
    return "\n".join([header, rule, *body])


def weights_table(tuning: dict) -> str:
    """chrF by back-translation weight (columns) for each grid point they were tried with (rows)."""
    names = ("repetition_penalty", "no_repeat_ngram_size", "length_penalty")
    weights = sorted({point["back_translation_weight"] for point in tuning["back_translation"]})
    rows: dict[tuple, dict[float, float]] = {}
    for point in tuning["back_translation"]:
        rows.setdefault(tuple(point[name] for name in names), {})[point["back_translation_weight"]] = point["chrf"]
    header = "| repetition / no-repeat / length | " + " | ".join(f"weight {weight}" for weight in weights) + " |"
    rule = "|---|" + "---:|" * len(weights)
    body = [
        f"| {penalty} / {ngram} / {length} | " + " | ".join(f"{scores[weight]:.2f}" for weight in weights) + " |"
        for (penalty, ngram, length), scores in rows.items()
    ]
    return "\n".join([header, rule, *body])


def render_card(
    direction, training, summary, fp32_summary, examples, ship: Path, card_note: str = "", tuning=None
) -> str:
    """The Markdown model card."""
    import evaluate_model

    from workstation.translate.manifest import load_manifest

    note = f"- {card_note}\n" if card_note else ""
    goal = CHRF_TARGETS[direction]
    reached = summary["scores"][f"sample{evaluate_model.SAMPLE_SIZE}"]["chrf"]
    target_line = (
        f"Quality target of issue 4 (chrF ≥ {goal} on the 300-line dev sample): "
        + (f"met ({reached:.1f})." if reached >= goal else f"**not met** ({reached:.1f}); train longer (build/training.md).")
    )
    source, target = direction.split("-")
    size = training["size"]
    total_bytes = sum(p.stat().st_size for p in ship.rglob("*") if p.is_file() and p.name != "MODEL_CARD.md")
    model_bytes = (ship / "model.bin").stat().st_size
    scores = summary["scores"]
    sample_name = f"sample{evaluate_model.SAMPLE_SIZE}"
    fp32_lines = ""
    if fp32_summary:
        fp32_lines = (
            "\n### int8 vs float32\n\n| weights | BLEU (all) | chrF (all) | BLEU (sample) | chrF (sample) |\n"
            "|---|---:|---:|---:|---:|\n"
            f"| int8 (shipped) | {scores['all']['bleu']:.1f} | {scores['all']['chrf']:.1f} | "
            f"{scores[sample_name]['bleu']:.1f} | {scores[sample_name]['chrf']:.1f} |\n"
            f"| float32 | {fp32_summary['scores']['all']['bleu']:.1f} | {fp32_summary['scores']['all']['chrf']:.1f} | "
            f"{fp32_summary['scores'][sample_name]['bleu']:.1f} | {fp32_summary['scores'][sample_name]['chrf']:.1f} |\n"
        )
    example_rows = "\n".join(f"| {_md_escape(s)} | {_md_escape(o)} |" for s, o in examples)
    dev_rows = "\n".join(
        f"| {_md_escape(e['source'])} | {_md_escape(e['reference'])} | {_md_escape(e['output'])} |"
        for e in summary["examples"]
    )
    decoding = load_manifest(ship).decoding
    ngrams = f"no repeated {decoding.no_repeat_ngram_size}-grams" if decoding.no_repeat_ngram_size else "n-grams may repeat"
    decoding_lines = (
        f"Decoding defaults (manifest `decoding`, used unless the user overrides them): repetition penalty "
        f"{decoding.repetition_penalty}, {ngrams}, length penalty {decoding.length_penalty}"
    )
    if decoding.back_translation_weight:
        decoding_lines += (
            f"; the 4 hypotheses of the beam are ranked by their score plus {decoding.back_translation_weight} × "
            f"the mean log-probability of the source given each one under the built-in {target}→{source} model "
            "(back-translation; any default model of that direction does it in the program)"
        )
    if tuning:
        decoding_lines += (
            f", chosen by chrF on {tuning['lines']} held-out dev lines outside the 300-line sample "
            f"(`build/evaluate_model.py --tune-decoding`):\n\n{tuning_table(tuning['grid'])}\n"
        )
        if tuning.get("back_translation"):
            decoding_lines += f"\nchrF by back-translation weight with the best settings above:\n\n{weights_table(tuning)}\n"
    else:
        decoding_lines += "."
    history = training["history"]
    last = history[-1] if history else {}
    src_name, tgt_name = LANG_NAMES[source][1], LANG_NAMES[target][1]
    return f"""# builtin-{direction} — built-in {src_name}→{tgt_name} model (small)

A small Marian Transformer trained from scratch by this project on open data and shipped so that the
workstation translates out of the box, offline. It is a **demonstration-quality default**: fine for
short, plain everyday sentences and simple lecture-style sentences, not for official documents.
For cables and other real work, IT should import a production model (OPUS-MT, FuguMT, NLLB-200, …);
the registry then prefers it automatically (this model has quality 0).

## Limits (read this first)
- Trained on only ~110k sentence pairs (everyday Tatoeba sentences and Coursera lecture subtitles),
  for about {training['trained_minutes']:.0f} minutes on two shared CPU cores. Expect wrong words, dropped
  clauses and invented content on long or specialised sentences.
- No diplomatic, legal, administrative or news text in the training data: names of
  organisations, titles, dates in official formats and technical terms are often mistranslated.
- One sentence at a time; no document context. Sentences longer than ~100 subword pieces were not seen
  in training.
- Even everyday phrases can come out wrong: the examples below are this model's real output.
- {target_line}
- Always review the output; never send it unreviewed.

## Data and licences (attribution)
Trained on `../shared/corpus/train.tsv` (110,382 pairs; exact duplicates removed, NFC):
- **Tatoeba** sentence pairs as exported by manythings.org/anki (file dated 2021-06-21), licence
  **CC-BY 2.0 (France)**. Attribution: **tatoeba.org** and **www.manythings.org/anki**. Everyday,
  conversational sentences; the data contains some errors.
- **Coursera En-Ja corpus**: Song et al., "Coursera Corpus Mining and Multistage Fine-Tuning for Improving
  Lectures Translation", LREC 2020 (automatically aligned training part), licence **Apache-2.0** (as
  published with the corpus). Lecture-subtitle domain.

The model weights are a derived work of this data and are distributed under **CC-BY 2.0 FR** with the
attribution above, together with the Apache-2.0 notice for the Coursera data. The project's code is
Apache-2.0.

## Architecture
- Transformers `MarianMTModel` (post-norm Transformer, sinusoidal positions, {size['encoder_layers']} encoder
  + {size['decoder_layers']} decoder layers, d_model {size['d_model']}, {size['heads']} heads, FFN
  {size['ffn_dim']}, swish), shared and tied embeddings.
- {training['parameters'] / 1e6:.1f}M parameters; one shared SentencePiece unigram vocabulary of
  {training['vocab_size'] - 1} pieces (+ `<pad>`), trained on both sides of train.tsv.
- Converted with `workstation models convert` (CTranslate2 {_ct2_version()}, **int8** weights):
  `model.bin` {model_bytes / 1e6:.1f} MB, {total_bytes / 1e6:.1f} MB in all.

## Training
- `build/train_model.py --direction {direction}` (see `build/training.md`): plain PyTorch loop, fp32 on
  CPU (torch 2.13.0; {training['args'].get('threads', '?')} thread(s) in the last run), token batches of ≤{training['args'].get('batch_tokens', '?')} padded tokens
  bucketed by length, Adam (0.9, 0.98), warm-up {training['args'].get('warmup_steps', '?')} steps to
  {training['args'].get('peak_lr', '?')} then inverse-square-root decay, label smoothing
  {training['args'].get('label_smoothing', '?')}, dropout {size['dropout']}, gradient clipping
  {training['args'].get('clip_norm', '?')}.
- Hardware: a 2-core x86-64 CPU shared with another training run and development work (no GPU).
- {training['steps']} steps, about {training['epochs']:.1f} epochs, {training['trained_minutes']:.0f} training
  minutes. Last validation: dev NLL {last.get('dev_nll', float('nan')):.3f}, greedy chrF
  {last.get('dev_chrf_greedy', float('nan')):.1f} (120 dev lines).
- Shipped weights: {training['chosen_weights']} (chosen by {training.get('chosen_by', GREEDY_CHOICE)}).
{note}
## Scores on `../shared/corpus/dev.tsv`
Reproduce with `.venv-train/bin/python build/evaluate_model.py models/builtin-{direction}` (beam 4,
the project's translation engine, int8, the model's decoding defaults). BLEU: sacreBLEU with the `{summary['bleu_tokenizer']}` tokenizer;
chrF: sacreBLEU character chrF (n=6, β=2). The 300-line sample is `random.Random({evaluate_model.SAMPLE_SEED}).sample`
of the line indices (see `build/evaluate_model.py`).

{evaluate_model.markdown_table(summary)}

{decoding_lines}
{fp32_lines}
Speed (this machine, {summary['threads']} thread(s), shared CPU, int8, beam 4, whole dev.tsv):
{summary['sentences_per_second']:.0f} sentences/s, {summary['target_tokens_per_second']:.0f} target tokens/s.

## Example translations
| input | output (this model) |
|---|---|
{example_rows}

From the dev sample (reference = human translation):

| input | reference | output |
|---|---|---|
{dev_rows}
"""


def _ct2_version() -> str:
    import ctranslate2

    return ctranslate2.__version__


# --------------------------------------------------------------------------- CLI


def parse_args(argv: list[str] | None = None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--direction", choices=["ja-en", "en-ja"], required=True)
    parser.add_argument("--out", type=Path, required=True, help="work folder for checkpoints (build/work/...)")
    parser.add_argument("--stage", choices=["spm", "train", "export", "card", "all"], default="all")
    parser.add_argument("--ship", type=Path, help="folder for the converted model, e.g. models/builtin-ja-en")
    parser.add_argument("--minutes", type=float, default=120.0, help="wall-clock training budget of this run")
    parser.add_argument("--resume", action="store_true", help="continue from OUT/last.pt")
    parser.add_argument(
        "--cooldown-minutes",
        type=float,
        default=0.0,
        help="bring the learning rate linearly down to 0 over the last minutes of this run's budget",
    )
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--spm-dir", type=Path, default=DEFAULT_SPM_DIR)
    parser.add_argument("--vocab-size", type=int, default=DEFAULT_VOCAB_SIZE)
    parser.add_argument("--d-model", type=int, default=ModelSize.d_model)
    parser.add_argument("--encoder-layers", type=int, default=ModelSize.encoder_layers)
    parser.add_argument("--decoder-layers", type=int, default=ModelSize.decoder_layers)
    parser.add_argument("--heads", type=int, default=ModelSize.heads)
    parser.add_argument("--ffn-dim", type=int, default=ModelSize.ffn_dim)
    parser.add_argument("--dropout", type=float, default=ModelSize.dropout)
    parser.add_argument("--batch-tokens", type=int, default=DEFAULT_BATCH_TOKENS)
    parser.add_argument(
        "--placeholder-copies",
        type=int,
        default=DEFAULT_PLACEHOLDER_COPIES,
        help="copies of each pair that can carry [1]-style placeholders, masked (0: none)",
    )
    parser.add_argument("--max-pieces", type=int, default=DEFAULT_MAX_PIECES)
    parser.add_argument("--peak-lr", type=float, default=DEFAULT_PEAK_LR)
    parser.add_argument("--warmup-steps", type=int, default=DEFAULT_WARMUP_STEPS)
    parser.add_argument("--label-smoothing", type=float, default=DEFAULT_LABEL_SMOOTHING)
    parser.add_argument("--clip-norm", type=float, default=DEFAULT_CLIP_NORM)
    parser.add_argument("--validate-minutes", type=float, default=DEFAULT_VALIDATE_MINUTES)
    parser.add_argument("--checkpoint-minutes", type=float, default=DEFAULT_CHECKPOINT_MINUTES)
    parser.add_argument("--eval-threads", type=int, default=2)
    parser.add_argument("--card-note", default="", help="an extra line for the model card's Training section")
    parser.add_argument("--compare-fp32", action="store_true", help="also convert to float32 and score it")
    parser.add_argument(
        "--tune-decoding",
        action="store_true",
        help="choose the manifest's decoding defaults on held-out dev lines before scoring (card stage)",
    )
    parser.add_argument("--keep-snapshots", type=int, default=DEFAULT_KEEP_SNAPSHOTS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.stage in ("spm", "all"):
        train_spm(args.spm_dir, args.vocab_size)
    if args.stage in ("train", "all"):
        train(args)
    if args.stage in ("export", "all"):
        export(args)
    if args.stage in ("card", "all") and args.ship:
        write_card(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
