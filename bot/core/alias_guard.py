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
    or at an alias inside its own value."""
    sizes: dict[int, int] = {}
    limit = MAX_EXPANDED

    def size(node: Node, active: set[int]) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise _expansion_error(node, "an alias refers to a value that contains it")
        total = 1
        if isinstance(node, SequenceNode | MappingNode):
            active.add(key)
            children = (
                node.value
                if isinstance(node, SequenceNode)
                else [n for pair in node.value for n in pair]
            )
            for child in children:
                total += size(child, active)
                if total > limit:
                    break
            active.discard(key)
        sizes[key] = min(total, limit + 1)
        return sizes[key]

    if size(root, set()) <= limit:
        return
    node = root  # point at the innermost value that alone expands past the limit
    while isinstance(node, SequenceNode | MappingNode):
        children = node.value if isinstance(node, SequenceNode) else [v for _, v in node.value]
        big = next((c for c in children if sizes.get(id(c), 0) > limit), None)
        if big is None:
            break
        node = big
    raise _expansion_error(
        node,
        f"aliases expand this value to more than {limit:,} values: write the repeated "
        "parts out instead of repeating them with *aliases",
    )


def _expansion_error(node: Node, problem: str) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, problem, node.start_mark)
