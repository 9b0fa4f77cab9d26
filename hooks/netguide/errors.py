"""Problems that stop the build, each naming the file, the line, the key and the fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Values from the data are quoted in messages; a hostile or runaway value must not make the
# message itself huge (or slow to build), so it is cut to this many characters.
SHOWN_MAX = 60


def shown(value: object) -> str:
    """A value of the data as a message quotes it: short, on one line."""
    text = value if isinstance(value, str) else type(value).__name__ if isinstance(value, dict | list) else repr(value)
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_MAX else text[: SHOWN_MAX - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the knowledge base."""

    file: str
    where: str
    problem: str
    fix: str
    line: int | None = None

    def __str__(self) -> str:
        location = f"{self.file}:{self.line}" if self.line else self.file
        where = f" [{self.where}]" if self.where else ""
        return f"{location}{where}: {self.problem}. Fix: {self.fix}"


class KnowledgeError(Exception):
    """The knowledge base is invalid; nothing may be published."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        header = "The guide's data has 1 problem:" if count == 1 else f"The guide's data has {count} problems:"
        super().__init__("\n".join([header, *(f"  - {p}" for p in problems)]))


class ProblemList:
    """Collects problems so that one build reports all of them at once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.items: list[Problem] = []

    def add(self, path: Path | str, where: str, problem: str, fix: str, line: int | None = None) -> None:
        self.items.append(Problem(self.display(path), where, problem, fix, line))

    def display(self, path: Path | str) -> str:
        path = Path(path)
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def raise_if_any(self) -> None:
        if self.items:
            raise KnowledgeError(self.items)
