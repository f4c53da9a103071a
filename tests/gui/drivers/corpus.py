"""Large Japanese test documents: real sentences from the shared training corpus, synthetic text without it."""

from __future__ import annotations

import itertools
from pathlib import Path

CORPUS = Path("/work/shared/corpus/train.tsv")
SENTENCES_PER_PARAGRAPH = 6
SYNTHETIC = (
    "外務省は本日、在外公館の警備体制について関係国と協議を行った。",
    "会議では、邦人の安全確保に関する具体的な措置が議論されたが、結論は次回に持ち越された。",
    "大使は記者団に対し、両国の協力関係を一層強化していく考えを示した。",
    "なお、詳細については追って報告する。",
    "これを受けて、本省は関係各課に対して必要な対応を指示した。",
)


def japanese_sentences(limit: int = 200_000) -> list[str]:
    """Japanese sentences from the corpus (first column), or a few synthetic ones when it is absent."""
    sentences: list[str] = []
    if CORPUS.is_file():
        with CORPUS.open(encoding="utf-8") as corpus:
            for line in itertools.islice(corpus, limit):
                japanese = line.split("\t", 1)[0].strip()
                if japanese:
                    sentences.append(japanese)
    return sentences or list(SYNTHETIC)


def japanese_document(size_bytes: int) -> str:
    """About ``size_bytes`` of UTF-8 Japanese text in paragraphs (lines) of a few sentences each."""
    paragraphs: list[str] = []
    size = 0
    sentences = itertools.cycle(japanese_sentences())
    while size < size_bytes:
        paragraph = "".join(itertools.islice(sentences, SENTENCES_PER_PARAGRAPH)) + "\n"
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8"))
    return "".join(paragraphs)
