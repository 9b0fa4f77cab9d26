"""Share compiled theme templates between languages and rebuilds (see netguide/template_cache.py)."""

from __future__ import annotations

from typing import Any

from netguide.template_cache import PROCESS_CACHE


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.bytecode_cache = PROCESS_CACHE
    return env
