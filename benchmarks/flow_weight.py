#!/usr/bin/env python3
"""Weigh the decision flows' own assets: docs/js/flow.js and docs/css/flow.css.

Prints each file's raw and gzipped size and their total. The budget is 6 KB (6,144 bytes)
gzipped for the two together, with no library; the script exits 1 when it is exceeded.
Gzip level 9, as a static host serving pre-compressed files would; each file is compressed
on its own, as the browser downloads them.

Usage: .venv/bin/python benchmarks/flow_weight.py
"""

from __future__ import annotations

import gzip
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ASSETS = ("docs/js/flow.js", "docs/css/flow.css")
BUDGET_GZIPPED = 6 * 1024


@dataclass(frozen=True)
class Weight:
    path: str
    raw: int
    gzipped: int


def weigh(paths: tuple[str, ...] = ASSETS, root: Path = PROJECT_ROOT) -> list[Weight]:
    weights = []
    for path in paths:
        data = (root / path).read_bytes()
        weights.append(Weight(path, len(data), len(gzip.compress(data, compresslevel=9, mtime=0))))
    return weights


def main() -> int:
    weights = weigh()
    total_raw = sum(weight.raw for weight in weights)
    total_gzipped = sum(weight.gzipped for weight in weights)
    print(f"{'file':<22} {'raw':>8} {'gzipped':>8}")
    for weight in weights:
        print(f"{weight.path:<22} {weight.raw:>8} {weight.gzipped:>8}")
    print(f"{'total':<22} {total_raw:>8} {total_gzipped:>8}")
    within = total_gzipped <= BUDGET_GZIPPED
    print(f"budget: {BUDGET_GZIPPED} bytes gzipped — {'within' if within else 'OVER'} "
          f"({total_gzipped / BUDGET_GZIPPED:.0%} used)")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
