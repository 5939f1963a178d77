"""Reading YAML files fast, and finding where a value sits when there is something to say.

Admins edit these files by hand, so the reader reports every syntax-level problem with a line
and a column, and avoids PyYAML's YAML 1.1 surprises: `no` (the Norwegian language code) stays
a string, dates stay strings for our own `PartialDate` validation, and `at: 18:00` is a time,
not the sexagesimal integer 1080. The parse composes a node tree with positions
before it constructs the data; a document keeps that tree until its file is validated, so a
problem's place costs a walk down the tree, and composes it again only for a problem found
later (a clash between files).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.core.alias_guard import check_expansion
from bot.core.problems import Problem

_Base: Any = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
_BOM = b"\xef\xbb\xbf"
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")

# Implicit types, read-only. Words first: true/false are the only booleans (`no` is the
# Norwegian language code), and there are no implicit timestamps (`2021-07-14` stays text
# for our own date validation, which also accepts 2021 and 2021-07). Numbers keep PyYAML's
# patterns; `construct_number` turns its sexagesimal ones (18:00) back into text.
_WORDS: Final = {
    **dict.fromkeys(("true", "True", "TRUE", "false", "False", "FALSE"), _BOOL),
    **dict.fromkeys(("", "~", "null", "Null", "NULL"), _NULL),
    "<<": _MERGE,
}
_NUMBER_START: Final = "0123456789+-."
_NUMBERS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    dict.fromkeys(
        (tag, rx)
        for entries in yaml.resolver.Resolver.yaml_implicit_resolvers.values()
        for tag, rx in entries
        if tag in _NUMBER_TAGS
    )
)


class ContentLoader(_Base):  # type: ignore[misc]
    """A safe loader for content files; its rules live on this subclass only.

    Registering on `yaml.SafeLoader` would change YAML for every library in the process.
    Duplicate keys are recorded rather than raised, so one run reports all of them. The
    resolver and the constructor take shortcuts for plain strings and mappings, which are
    most of a fact file: that makes this loader faster than a bare `CSafeLoader`, whose
    generic bookkeeping runs for every scalar (measured by bench/load.py).
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[Node, Node]] = []  # (first key, repeated key)

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                tag = _WORDS.get(value)
                if tag is not None:
                    return tag
                if value[:1] in _NUMBER_START:
                    for tag, regexp in _NUMBERS:
                        if regexp.match(value):
                            return tag
            return _STR
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node.tag == _STR and type(node) is ScalarNode:  # most nodes: skip the bookkeeping
            return node.value
        return super().construct_object(node, deep=deep)

    def construct_yaml_map(self, node: MappingNode) -> Iterator[dict[Hashable, Any]]:
        data: dict[Hashable, Any] = {}
        yield data
        self._fill_mapping(node, data, deep=False)

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Hashable, Any]:
        data: dict[Hashable, Any] = {}
        self._fill_mapping(node, data, deep=deep)
        return data

    def _fill_mapping(self, node: Node, data: dict[Hashable, Any], *, deep: bool) -> None:
        """BaseConstructor.construct_mapping in one loop, filling `data` in place."""
        if not isinstance(node, MappingNode):
            data.update(super().construct_mapping(node, deep=deep))  # raises the usual error
            return
        construct = self.construct_object
        noted = False
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:  # `<<: *defaults`: PyYAML's merge rules, then no shortcut
                data.clear()
                if not noted:
                    self._note_duplicates(node)
                data.update(super().construct_mapping(node, deep=deep))
                return
            key = construct(key_node, deep)
            try:
                if key in data and not noted:
                    self._note_duplicates(node)
                    noted = True
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    "found unhashable key",
                    key_node.start_mark,
                ) from None
            data[key] = construct(value_node, deep)

    def _note_duplicates(self, node: MappingNode) -> None:
        first: dict[str, Node] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, ScalarNode) and key_node.tag != _MERGE:
                if key_node.value in first:
                    self.duplicates.append((first[key_node.value], key_node))
                else:
                    first[key_node.value] = key_node

    def construct_scalar_text(self, node: Node) -> str:
        return str(self.construct_scalar(node))

    def construct_number(self, node: Node) -> int | float | str:
        """Numbers, except YAML 1.1 sexagesimals: `18:00` stays the text "18:00"."""
        text = str(self.construct_scalar(node))
        if ":" in text:
            return text
        if node.tag.endswith(":int"):
            return self.construct_yaml_int(node)  # type: ignore[no-any-return]
        return self.construct_yaml_float(node)  # type: ignore[no-any-return]


ContentLoader.add_constructor("tag:yaml.org,2002:map", ContentLoader.construct_yaml_map)
ContentLoader.add_constructor(_TIMESTAMP, ContentLoader.construct_scalar_text)
for _tag in _NUMBER_TAGS:
    ContentLoader.add_constructor(_tag, ContentLoader.construct_number)


def load_yaml(text: str) -> Any:
    """Parse one document with the content rules (no positions, no duplicate report)."""
    loader = ContentLoader(text)
    try:
        return _guarded_data(loader, text)
    finally:
        loader.dispose()


def _guarded_data(loader: ContentLoader, text: str) -> Any:
    return _guarded(loader, text)[1]


def _guarded(loader: ContentLoader, text: str) -> tuple[Node | None, Any]:
    """`get_single_data`, refusing aliases that multiply a few bytes into millions of values.

    Composed nodes share an aliased subtree, so the node graph stays small; what explodes
    is everything that walks the data afterwards (merge keys, validation). The graph is
    measured before construction, only in files that contain a `*` at all.
    """
    node = loader.get_single_node()
    if node is None:
        return None, None
    if "*" in text:
        check_expansion(node)
    return node, loader.construct_document(node)


@dataclass
class YamlDocument:
    """One file read and parsed: its data, its syntax-level problems, and positions on demand."""

    path: str
    text: str | None = None
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    _root: Node | None = field(default=None, repr=False)

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.data, dict)

    def problem(self, line: int, column: int, message: str) -> Problem:
        return Problem(self.path, line, column, message)

    def release(self) -> None:
        """Drop the node tree (it is composed again if a position is asked for later)."""
        self._root = None

    def root(self) -> Node | None:
        """The node tree, composed on first use: only broken or clashing files pay for it."""
        if self._root is None and self.text is not None:
            loader = ContentLoader(self.text)
            try:
                self._root = loader.get_single_node()
            except yaml.YAMLError:
                return None
            finally:
                loader.dispose()
        return self._root

    def position(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at `path`, or of its key when `key` is set.

        A path that leaves the tree (a missing field) stops at the deepest node found: the
        mapping that lacks the key.
        """
        node = self.root()
        if node is None:
            return (1, 1)
        key_node: Node | None = None
        for part in path:
            nxt, nxt_key = _child(node, part)
            if nxt is None:
                key_node = None
                break
            node, key_node = nxt, nxt_key
        target = key_node if key and key_node is not None else node
        return (target.start_mark.line + 1, target.start_mark.column + 1)


def _child(node: Node, part: str | int) -> tuple[Node | None, Node | None]:
    if isinstance(node, MappingNode):
        for key_node, value_node in reversed(node.value):  # the last one wins, as in the data
            if isinstance(key_node, ScalarNode) and _same_key(key_node, part):
                return value_node, key_node
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part], None
    return None, None


def _same_key(node: ScalarNode, part: str | int) -> bool:
    return bool(node.value == (part if isinstance(part, str) else str(part)))


def read_yaml(path: str, data: bytes, what: str) -> YamlDocument:
    """Decode and parse one file; every syntax-level problem lands in `problems`.

    `what` names the expected content ("a fact file needs `cards:`") for the messages about
    empty files and files whose top level is not a mapping.
    """
    doc = YamlDocument(path)
    bom = len(_BOM) if data.startswith(_BOM) else 0  # a BOM is fine: some editors write one
    try:
        doc.text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = bom + exc.start
        line, column = _byte_position(data, bad, bom)
        doc.problems.append(
            doc.problem(
                line,
                column,
                f"not UTF-8: byte 0x{data[bad]:02X} cannot be read; save the file as UTF-8",
            )
        )
        return doc
    tabs = _tab_problems(doc)
    doc.problems.extend(tabs)
    loader = ContentLoader(doc.text)
    try:
        # The parse builds the node tree anyway: keep it until the file is validated, so
        # a problem's position costs a walk down the tree, not a second parse.
        doc._root, doc.data = _guarded(loader, doc.text)
    except yaml.MarkedYAMLError as exc:
        if not tabs:  # a tab in the indentation is the cause; say that, not the symptom
            doc.problems.append(_syntax_problem(doc, exc))
        return doc
    except yaml.YAMLError as exc:  # a ReaderError: a character YAML does not allow
        doc.problems.append(_reader_problem(doc, exc))
        return doc
    finally:
        duplicates = loader.duplicates
        loader.dispose()
    for first, again in duplicates:
        doc.problems.append(
            doc.problem(
                again.start_mark.line + 1,
                again.start_mark.column + 1,
                f"duplicate key {again.value!r} (first at line {first.start_mark.line + 1}): "
                "a later one would silently replace the first",
            )
        )
    if doc.data is None:
        doc.problems.append(doc.problem(1, 1, f"the file is empty: {what}"))
    elif not isinstance(doc.data, dict):
        line, column = doc.position(())
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        doc.problems.append(
            doc.problem(line, column, f"the top level must be a mapping, not {kind}: {what}")
        )
    return doc


def _byte_position(data: bytes, offset: int, bom: int) -> tuple[int, int]:
    """Line and column (in characters, as editors count) of the byte at `offset`."""
    line_start = max(data.rfind(b"\n", 0, offset) + 1, bom)
    prefix = data[line_start:offset].decode("utf-8")  # valid: the first bad byte is at offset
    return (data.count(b"\n", 0, offset) + 1, len(prefix) + 1)


def _tab_problems(doc: YamlDocument) -> list[Problem]:
    text = doc.text or ""
    if "\t" not in text:
        return []
    problems = []
    for m in _TAB_INDENT.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        column = m.end() - m.start()
        problems.append(
            doc.problem(line, column, "tab in indentation: YAML indents with spaces only")
        )
    return problems


def _syntax_problem(doc: YamlDocument, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    syntax = isinstance(exc, yaml.scanner.ScannerError | yaml.parser.ParserError)
    message = f"YAML {'syntax ' if syntax else ''}error: {exc.problem or exc.context}"
    if exc.context and exc.context_mark and exc.problem:
        message += f" ({exc.context} at line {exc.context_mark.line + 1})"
    return doc.problem(line, column, message)


def _reader_problem(doc: YamlDocument, exc: yaml.YAMLError) -> Problem:
    text = doc.text or ""
    offset = getattr(exc, "position", 0)
    if yaml.__with_libyaml__:  # libyaml counts bytes of the UTF-8 text it was given
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    char = getattr(exc, "character", None)
    shown = f"U+{char:04X}" if isinstance(char, int) else repr(char)
    return doc.problem(line, column, f"character {shown} is not allowed in YAML: remove it")
