"""Graph walks over a decision flow: reachability, loops, depth, the numbered order, every path.

The functions take plain ``{node ID: [next node IDs]}`` edges so that the checks can run on a
flow that is still being checked. None of them recurses: a flow is data, and a long chain of
questions must give a clear message, never a RecursionError.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

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


def leading_to(target: str, edges: Edges) -> set[str]:
    """The nodes from which some answers lead to ``target`` (``target`` excluded): one walk back, each edge once."""
    parents: dict[str, list[str]] = {}
    for node, targets in edges.items():
        for next_node in targets:
            parents.setdefault(next_node, []).append(node)
    found: set[str] = set()
    queue = deque([target])
    while queue:
        for parent in parents.get(queue.popleft(), ()):
            if parent not in found and parent != target:
                found.add(parent)
                queue.append(parent)
    return found


def find_cycle(start: str, edges: Edges) -> list[str] | None:
    """A loop reachable from ``start`` as [a, b, ..., a], or None when answers only lead forward."""
    on_path: list[str] = []
    on_path_set: set[str] = set()
    finished: set[str] = set()
    # Each frame: a node and the iterator over the nodes its answers lead to.
    stack: list[tuple[str, Iterator[str]]] = []

    def enter(node: str) -> None:
        on_path.append(node)
        on_path_set.add(node)
        stack.append((node, iter(edges.get(node, ()))))

    enter(start)
    while stack:
        node, targets = stack[-1]
        target = next(targets, None)
        if target is None:
            stack.pop()
            on_path.pop()
            on_path_set.discard(node)
            finished.add(node)
        elif target in on_path_set:
            return [*on_path[on_path.index(target):], target]
        elif target not in finished and target in edges:
            enter(target)
    return None


def longest_path(start: str, edges: Edges) -> int:
    """The most questions a reader can be asked on one way through (the flow has no loop)."""
    order = _topological(start, edges)
    depth = dict.fromkeys(order, 0)
    for node in order:
        for target in edges.get(node, ()):
            if target in depth:
                depth[target] = max(depth[target], depth[node] + 1)
    return max(depth.values(), default=0)


def _topological(start: str, edges: Edges) -> list[str]:
    reachable = breadth_first(start, edges)
    incoming = dict.fromkeys(reachable, 0)
    for node in reachable:
        for target in edges.get(node, ()):
            if target in incoming:
                incoming[target] += 1
    queue = deque(node for node in reachable if incoming[node] == 0)
    order = []
    while queue:
        node = queue.popleft()
        order.append(node)
        for target in edges.get(node, ()):
            if target in incoming:
                incoming[target] -= 1
                if incoming[target] == 0:
                    queue.append(target)
    return order


@dataclass(frozen=True)
class Step:
    """One answer given on the way: the question's ID and the answer's position (0-based)."""

    question: str
    answer: int


@dataclass(frozen=True)
class Path:
    steps: tuple[Step, ...]
    outcome: str


def all_paths(start: str, edges: Edges) -> list[Path]:
    """Every way from ``start`` to a node without answers, answers taken in order (for tests and reviews)."""
    found: list[Path] = []
    stack: list[tuple[str, tuple[Step, ...]]] = [(start, ())]
    while stack:
        node, steps = stack.pop()
        targets = edges.get(node, ())
        if not targets:
            found.append(Path(steps, node))
            continue
        for index in range(len(targets) - 1, -1, -1):
            stack.append((targets[index], (*steps, Step(node, index))))
    return found


def numbering(start: str, edges: Edges) -> dict[str, int]:
    """Each node's number in the printed key: 1 for the start, then breadth-first."""
    return {node_id: number for number, node_id in enumerate(breadth_first(start, edges), 1)}
