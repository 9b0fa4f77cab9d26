"""The flows' own JavaScript and CSS stay within their weight budget (benchmarks/flow_weight.py)."""

from __future__ import annotations

import importlib.util
import sys

from conftest import PROJECT_ROOT


def _benchmark() -> object:
    spec = importlib.util.spec_from_file_location("flow_weight", PROJECT_ROOT / "benchmarks" / "flow_weight.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_flow_js_and_css_weigh_at_most_6_kb_gzipped_together() -> None:
    benchmark = _benchmark()
    weights = benchmark.weigh()
    assert [weight.path for weight in weights] == ["docs/js/flow.js", "docs/css/flow.css"]
    assert all(weight.gzipped < weight.raw for weight in weights)
    assert sum(weight.gzipped for weight in weights) <= benchmark.BUDGET_GZIPPED == 6 * 1024


def test_flow_assets_use_no_library() -> None:
    script = (PROJECT_ROOT / "docs/js/flow.js").read_text(encoding="utf-8")
    for marker in ("import ", "require(", "http://", "https://", "//cdn"):
        assert marker not in script
    assert "@import" not in (PROJECT_ROOT / "docs/css/flow.css").read_text(encoding="utf-8")
