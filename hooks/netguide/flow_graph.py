"""Graph walks over a decision flow: reachability, cycles, the numbered order, every path.

The functions take plain ``{node ID: [next node IDs]}`` edges so that validation can run
on a flow that is still being checked, before any Flow object exists.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .flow_model import Flow

Edges = Mapping[str, Sequence[str]]


def breadth_first(start: str, edges: Edges) -> list[str]:
    """Nodes in the order a breadth-first walk from ``start`` meets them (answers in order)."""
    order = [start]
    seen = {start}
    queue = deque([start])
    while queue:
        for target in edges.get(queue.popleft(), ()):
            if target in edges and target not in seen:
                seen.add(target)
                order.append(target)
                queue.append(target)
    return order


def find_cycle(start: str, edges: Edges) -> list[str] | None:
    """A loop reachable from ``start`` as [a, b, ..., a], or None when answers only lead forward."""
    on_path: list[str] = []
    finished: set[str] = set()

    def visit(node: str) -> list[str] | None:
        if node in on_path:
            return [*on_path[on_path.index(node):], node]
        if node in finished or node not in edges:
            return None
        on_path.append(node)
        for target in edges[node]:
            loop = visit(target)
            if loop:
                return loop
        on_path.pop()
        finished.add(node)
        return None

    return visit(start)


@dataclass(frozen=True)
class Step:
    """One answer given on the way: the question's ID and the answer's position (0-based)."""

    question: str
    answer: int


@dataclass(frozen=True)
class Path:
    steps: tuple[Step, ...]
    outcome: str


def all_paths(flow: Flow) -> list[Path]:
    """Every way through the flow, from the start to an outcome, answers taken in order."""
    found: list[Path] = []

    def walk(node_id: str, steps: tuple[Step, ...]) -> None:
        node = flow.node(node_id)
        if not node.is_question:
            found.append(Path(steps, node.id))
            return
        for index, answer in enumerate(node.answers):
            walk(answer.next, (*steps, Step(node.id, index)))

    walk(flow.start.id, ())
    return found


def numbering(flow: Flow) -> dict[str, int]:
    """Each node's number in the printed key: 1 for the start, then breadth-first."""
    edges = {node.id: [answer.next for answer in node.answers] for node in flow.nodes}
    return {node_id: number for number, node_id in enumerate(breadth_first(flow.start.id, edges), 1)}
