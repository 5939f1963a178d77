"""Refusing YAML alias bombs before anything walks the data.

A few hundred bytes of anchors and aliases ("billion laughs") compose into a small graph
of shared nodes but expand to billions of values for whatever walks the data afterwards
(merge keys, validation). The expanded size is measured on the node graph, each shared
node once.
"""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

# Values a file may expand to through *aliases (docs/admin-guide.md): far above what any
# real fact file repeats, far below a "billion laughs".
MAX_EXPANDED = 100_000


def check_expansion(root: Node) -> None:
    """Raise a ConstructorError at the innermost value that alone expands past the limit,
    or at an alias inside its own value. Iterative: nesting may be 1,000 levels deep."""
    limit = MAX_EXPANDED
    sizes: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        children = _children(node)
        if not children_done:
            if key in active:
                raise _expansion_error(node, "an alias refers to a value that contains it")
            active.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        active.discard(key)
        sizes[key] = min(1 + sum(sizes[id(c)] for c in children), limit + 1)
    if sizes[id(root)] <= limit:
        return
    node = root  # point at the innermost value that alone expands past the limit
    while True:
        big = next((c for c in _children(node) if sizes[id(c)] > limit), None)
        if big is None:
            break
        node = big
    raise _expansion_error(
        node,
        f"aliases expand this value to more than {limit:,} values: write the repeated "
        "parts out instead of repeating them with *aliases",
    )


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _expansion_error(node: Node, problem: str) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, problem, node.start_mark)
