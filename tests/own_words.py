"""Own words, checked field by field: no text of the guide repeats a source document.

The shared line-based check (../shared/tools/check_own_words.py) compares a file line by
line, so a run of words that a folded YAML text spreads over two lines goes unseen. Here
every text of knowledge/ is compared as a whole, after YAML folding, and every paragraph of
the hand-written pages too. Two measures:

- a *copied run*: N or more consecutive words (default 8) shared with one source document;
- *closeness*: the share of a text's word 4-grams that one source also has. A paraphrase that
  follows its source sentence by sentence keeps many short runs without any long one.

Usage: python tests/own_words.py [--words N] [--closeness R]  (prints each offending text)
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
WORD = re.compile(r"[\w’']+", re.UNICODE)
# One word stricter than the shared line-based check (8), which a folded line can hide anyway.
RUN_WORDS = 7
CLOSE_GRAM = 4
# Above this share of 4-grams in common with one source, a text of some length reads as a
# sentence-by-sentence rewrite of it rather than as the guide's own words.
CLOSENESS_LIMIT = 0.2
CLOSENESS_MIN_WORDS = 16
# Titles of the sources, which the guide cites as they are.
TITLES = (
    "Le réseautage électronique à l'aide des médias sociaux",
    "Établir et entretenir des relations en ligne : à faire et à ne pas faire",
    "Réseaux sociaux professionnels, faut-il toujours répondre aux sollicitations ?",
    "Que faire avec les réseaux sociaux ?",
)


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).replace("’", "'").lower()
    return WORD.findall(text)


def grams(tokens: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


@dataclass(frozen=True)
class Seed:
    name: str
    tokens: tuple[str, ...]

    @property
    def grams4(self) -> set[tuple[str, ...]]:
        return _seed_grams(self.tokens, CLOSE_GRAM)


@cache
def _seed_grams(tokens: tuple[str, ...], size: int) -> set[tuple[str, ...]]:
    return grams(list(tokens), size)


@cache
def seeds() -> tuple[Seed, ...]:
    return tuple(Seed(path.name, tuple(words(path.read_text(encoding="utf-8"))))
                 for path in sorted(SEEDS.glob("*.txt")))


@cache
def title_grams(size: int) -> frozenset[tuple[str, ...]]:
    return frozenset(gram for title in TITLES for gram in grams(words(title), size))


@dataclass(frozen=True)
class Finding:
    where: str
    seed: str
    kind: str  # "run" or "close"
    detail: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.kind} of {self.seed}: {self.detail}\n    {self.text[:300]}"


def longest_shared_run(tokens: list[str], seed: Seed) -> int:
    """Length of the longest run of consecutive words that ``tokens`` shares with ``seed`` (titles excluded)."""
    best = 0
    seed_text = seed.tokens
    positions: dict[str, list[int]] = {}
    for index, token in enumerate(seed_text):
        positions.setdefault(token, []).append(index)
    excluded = title_grams(RUN_WORDS)
    for start in range(len(tokens)):
        for seed_start in positions.get(tokens[start], ()):
            length = 0
            while (start + length < len(tokens) and seed_start + length < len(seed_text)
                   and tokens[start + length] == seed_text[seed_start + length]):
                length += 1
            if length > best and tuple(tokens[start : start + RUN_WORDS]) not in excluded:
                best = length
    return best


def check_text(where: str, text: str, run_words: int = RUN_WORDS,
               closeness_limit: float = CLOSENESS_LIMIT) -> list[Finding]:
    tokens = words(text)
    findings = []
    text_grams = grams(tokens, CLOSE_GRAM)
    for seed in seeds():
        run = longest_shared_run(tokens, seed)
        if run >= run_words:
            findings.append(Finding(where, seed.name, "run", f"{run} consecutive words in common", text))
        if len(tokens) >= CLOSENESS_MIN_WORDS and text_grams:
            share = len(text_grams & seed.grams4) / len(text_grams)
            if share > closeness_limit:
                findings.append(Finding(where, seed.name, "close",
                                        f"{share:.0%} of its 4-word sequences are in the source", text))
    return findings


def _strings(value: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value, 1):
            yield from _strings(item, f"{where}[{index}]")


# The sources' own titles, which the guide cites as they are.
CITED_KEYS = ("title", "subtitle", "publisher", "author", "file")


def project_texts(root: Path = PROJECT_ROOT) -> Iterator[tuple[str, str]]:
    """Every text of knowledge/ (one per YAML value) and every paragraph of the hand-written pages."""
    for path in sorted((root / "knowledge").rglob("*.y*ml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, text in _strings(data, ""):
            if path.name == "sources.yml" and where.rsplit(".", 1)[-1] in CITED_KEYS:
                continue
            yield f"{path.relative_to(root)} [{where}]", text
    for path in sorted((root / "docs").glob("*.md")):
        for number, paragraph in enumerate(path.read_text(encoding="utf-8").split("\n\n"), 1):
            yield f"{path.relative_to(root)} [paragraph {number}]", paragraph


def check_project(root: Path = PROJECT_ROOT, run_words: int = RUN_WORDS,
                  closeness_limit: float = CLOSENESS_LIMIT) -> list[Finding]:
    return [finding for where, text in project_texts(root)
            for finding in check_text(where, text, run_words, closeness_limit)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=RUN_WORDS)
    parser.add_argument("--closeness", type=float, default=CLOSENESS_LIMIT)
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT)
    args = parser.parse_args()
    findings = check_project(args.root, args.words, args.closeness)
    for finding in findings:
        print(finding)
    print(f"{len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
