"""Strict YAML reading for content that staff write by hand.

A SafeLoader subclass that
- rejects duplicate keys, naming both lines;
- records line and column of every key and value (``Located`` containers);
- keeps ``Yes``/``No``/``on``/``off``, times like ``8:30`` and dates as plain strings;
- refuses files that are too large, not UTF-8, indented with tabs, or full of aliases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.error import Mark
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode

from .problems import Problem

MAX_BYTES = 1_000_000
MAX_ALIASES = 100


class Position(tuple):
    """(line, col), both counted from 1."""

    __slots__ = ()

    def __new__(cls, line: int, col: int) -> Position:
        return super().__new__(cls, (line, col))

    @property
    def line(self) -> int:
        return self[0]

    @property
    def col(self) -> int:
        return self[1]


def _position(mark: Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


class LocatedDict(dict):
    """A mapping that remembers where it, each key and each value stand in the file."""

    pos: Position
    key_pos: dict
    value_pos: dict

    def where(self, key: Any) -> Position:
        return self.key_pos.get(key, self.pos)

    def where_value(self, key: Any) -> Position:
        return self.value_pos.get(key, self.pos)


class LocatedList(list):
    """A sequence that remembers where it and each item stand in the file."""

    pos: Position
    item_pos: list

    def where(self, index: int) -> Position:
        return self.item_pos[index] if index < len(self.item_pos) else self.pos


class YamlProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


_Parsing: type
try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]  # the stubs omit it

    class _CParsing(CParser):
        """Scanning and parsing by libyaml (several times faster than pure Python)."""

    _Parsing = _CParsing
except ImportError:  # PyYAML built without libyaml

    class _PyParsing(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)

    _Parsing = _PyParsing


class StrictLoader(
    Composer,
    _Parsing,
    yaml.constructor.SafeConstructor,
    yaml.resolver.Resolver,
):
    """A safe loader with the rules above. One instance reads one document.

    Composing (where aliases are counted) and constructing (where duplicate keys and positions
    are handled) are ours; scanning and parsing are libyaml's when it is there.
    """

    def __init__(self, stream: str, path: str) -> None:
        _Parsing.__init__(self, stream)  # type: ignore[misc]  # one of two parser bases
        Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self.path = path
        self.alias_count = 0
        self.open_anchors: set[str] = set()

    # -- aliases: bounded, never recursive --------------------------------------------------
    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES or event.anchor in self.open_anchors:
                pos = _position(event.start_mark)
                raise YamlProblem(
                    Problem(
                        "BS006",
                        f"alias *{event.anchor} is recursive "
                        f"or one of more than {MAX_ALIASES} aliases",
                        self.path,
                        pos.line,
                        pos.col,
                        "write the content out, or use a snippet (use: NAME) instead of anchors",
                    )
                )
        return super().compose_node(parent, index)

    def compose_sequence_node(self, anchor: Any) -> SequenceNode:
        return self._composing(anchor, Composer.compose_sequence_node)

    def compose_mapping_node(self, anchor: Any) -> MappingNode:
        return self._composing(anchor, Composer.compose_mapping_node)

    def _composing(self, anchor: Any, compose: Callable[..., Any]) -> Any:
        if anchor is not None:
            self.open_anchors.add(anchor)
        try:
            return compose(self, anchor)
        finally:
            self.open_anchors.discard(anchor)

    # -- containers with positions ----------------------------------------------------------
    def construct_located_mapping(self, node: MappingNode) -> Iterator[LocatedDict]:
        data = LocatedDict()
        data.pos, data.key_pos, data.value_pos = _position(node.start_mark), {}, {}
        yield data
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                pos = _position(key_node.start_mark)
                raise YamlProblem(
                    Problem(
                        "BS102",
                        "a key must be a plain word or number",
                        self.path,
                        pos.line,
                        pos.col,
                        "write the key as a simple word, like `next:`",
                    )
                )
            if key in data:
                first, pos = data.key_pos[key], _position(key_node.start_mark)
                raise YamlProblem(
                    Problem(
                        "BS002",
                        f"duplicate key '{key}' (first on line {first.line})",
                        self.path,
                        pos.line,
                        pos.col,
                        f"keep one '{key}:' here; lines {first.line} and {pos.line} both set it",
                    )
                )
            data[key] = self.construct_object(value_node, deep=True)
            data.key_pos[key] = _position(key_node.start_mark)
            data.value_pos[key] = _position(value_node.start_mark)

    def construct_located_sequence(self, node: SequenceNode) -> Iterator[LocatedList]:
        data = LocatedList()
        data.pos = _position(node.start_mark)
        data.item_pos = [_position(child.start_mark) for child in node.value]
        yield data
        data.extend(self.construct_object(child, deep=True) for child in node.value)


StrictLoader.yaml_constructors = dict(yaml.SafeLoader.yaml_constructors)
StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_located_mapping)
StrictLoader.add_constructor("tag:yaml.org,2002:seq", StrictLoader.construct_located_sequence)

# Implicit types: only what staff would expect. YAML 1.1 turns `No` into False, `8:30` into
# 510 and `2024-01-01` into a date; here they stay strings.
StrictLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$", "-+0123456789."),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    StrictLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def _line_of_offset(data: bytes, offset: int) -> Position:
    before = data[:offset]
    return Position(before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1)


def decode_source(source: bytes | str, path: str) -> str:
    """The file's text, or YamlProblem if it is too large or not UTF-8."""
    raw = source.encode("utf-8") if isinstance(source, str) else source
    if len(raw) > MAX_BYTES:
        raise YamlProblem(
            Problem(
                "BS003",
                f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}",
                path,
                1,
                1,
                "split the flow into smaller files or move long texts into snippets",
            )
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        pos = _line_of_offset(raw, err.start)
        raise YamlProblem(
            Problem(
                "BS004",
                f"byte 0x{raw[err.start]:02x} is not valid UTF-8",
                path,
                pos.line,
                pos.col,
                "save the file as UTF-8 in your editor",
            )
        ) from None


def parse_yaml(source: bytes | str, path: str) -> Any:
    """Parse one YAML document strictly. Raises YamlProblem with file, line and column."""
    text = decode_source(source, path)
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise YamlProblem(
                Problem(
                    "BS005",
                    "a tab is used for indentation",
                    path,
                    number,
                    indent.index("\t") + 1,
                    "YAML needs spaces: replace the tab with two spaces",
                )
            )
    loader = StrictLoader(text, path)
    try:
        return loader.get_single_data()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        pos = _position(mark) if mark else Position(1, 1)
        what = " ".join(part for part in (err.context, err.problem) if part)
        if err.context_mark and err.problem_mark and err.context_mark.line != err.problem_mark.line:
            what += f" (it began on line {err.context_mark.line + 1})"
        raise YamlProblem(
            Problem(
                "BS001",
                what or "cannot read this YAML",
                path,
                pos.line,
                pos.col,
                _syntax_hint(what),
            )
        ) from None
    except yaml.YAMLError as err:
        raise YamlProblem(Problem("BS001", str(err), path, 1, 1, None)) from None
    finally:
        loader.dispose()


def _syntax_hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return "a text containing ': ' must be in quotes"
    if "expected <block end>" in what or "did not find expected key" in what:
        return "check the indentation: keys of one block must line up"
    if "found character" in what and "'`'" in what:
        return "a text starting with ` must be in quotes"
    if "found undefined alias" in what:
        return "an alias *name needs an anchor &name above it"
    return "check quotes and indentation near this line"
