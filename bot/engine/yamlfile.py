"""Strict YAML reading for content that staff write by hand.

A SafeLoader subclass that
- rejects duplicate keys, naming both lines;
- records line and column of every key and value (``Located`` containers);
- keeps ``Yes``/``No``/``on``/``off``, times like ``8:30`` and dates as plain strings;
- refuses files that are too large, not UTF-8, indented with tabs, or full of aliases.

A well-formed file is composed by libyaml (when PyYAML has it) and its values built from the
node tree; anything unusual is read again by StrictLoader, which reports the problem. Both give
the same values and problems (tests/engine/test_yaml_paths.py).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.error import Mark
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

MAX_BYTES = 1_000_000
MAX_ALIASES = 100


class Position(tuple[int, int]):
    """(line, col), both counted from 1."""

    __slots__ = ()

    def __new__(cls, line: int, col: int) -> Position:
        return super().__new__(cls, (line, col))

    def __getnewargs__(self) -> tuple[int, int]:  # for pickle
        return self[0], self[1]

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


# -- the fast path: libyaml composes, Python builds the located values -------------------------
#
# Most files are well-formed and use no aliases, merge keys or explicit tags. For them libyaml
# builds the node tree (with the same marks the careful path reads from libyaml's events) and
# _build turns it into the same LocatedDict/LocatedList values. Anything else -- a syntax error,
# an alias, an unusual tag or key, a duplicate key -- raises _Careful, and the file is read
# again by StrictLoader, which reports it. So both paths give the same values and problems.

_STR, _MAP, _SEQ = (f"tag:yaml.org,2002:{t}" for t in ("str", "map", "seq"))


class _Careful(Exception):
    """This file needs the careful path."""


_FAST: type | None
try:
    from yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]  # not in the stubs

    class _FastComposer(_CParser, yaml.resolver.Resolver):
        """libyaml scans, parses and composes, resolving plain scalars by StrictLoader's rules."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.resolver.Resolver.__init__(self)

    _FastComposer.yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers
    _FAST = _FastComposer
except ImportError:  # PyYAML built without libyaml: the careful path only
    _FAST = None

_CONSTRUCT = yaml.constructor.SafeConstructor()  # for int, float, bool and null scalars
_SCALARS: dict[str, Callable[[Any], Any]] = {
    f"tag:yaml.org,2002:{tag}": getattr(_CONSTRUCT, f"construct_yaml_{tag}")
    for tag in ("int", "float", "bool", "null")
}


def _read_fast(text: str) -> Any:
    assert _FAST is not None
    composer = _FAST(text)
    try:
        node = composer.get_single_node()
    except yaml.YAMLError:
        raise _Careful from None
    finally:
        composer.dispose()
    if node is None:
        return None
    try:
        return _Builder().build(node)
    except RecursionError:
        raise _Careful from None


class _Builder:
    """Located values from a node tree, as StrictLoader constructs them: an aliased node gives
    the same object each time it is used."""

    def __init__(self) -> None:
        self.built: dict[int, Any] = {}  # id(node) -> its value
        self.aliases = 0

    def build(self, node: Node) -> Any:
        key = id(node)
        if key in self.built:
            self.aliases += 1
            value = self.built[key]
            if value is _OPEN or self.aliases > MAX_ALIASES:
                raise _Careful  # recursive, or too many: the careful path says which alias
            return value
        tag = node.tag
        if isinstance(node, ScalarNode):
            if tag == _STR:
                value = node.value
            elif tag in _SCALARS:
                value = _SCALARS[tag](node)
            else:
                raise _Careful  # an explicit or unknown tag
            self.built[key] = value
            return value
        self.built[key] = _OPEN
        if isinstance(node, MappingNode) and tag == _MAP:
            value = self.mapping(node)
        elif isinstance(node, SequenceNode) and tag == _SEQ:
            value = LocatedList(self.build(child) for child in node.value)
            value.pos = _position(node.start_mark)
            value.item_pos = [_position(child.start_mark) for child in node.value]
        else:
            raise _Careful
        self.built[key] = value
        return value

    def mapping(self, node: MappingNode) -> LocatedDict:
        data = LocatedDict()
        data.pos, data.key_pos, data.value_pos = _position(node.start_mark), {}, {}
        for key_node, value_node in node.value:
            key = self.build(key_node)
            if not isinstance(key, (str, int, float, bool)) or key in data:
                raise _Careful  # not a plain key, or a duplicate
            data[key] = self.build(value_node)
            data.key_pos[key] = _position(key_node.start_mark)
            data.value_pos[key] = _position(value_node.start_mark)
        return data


_OPEN = object()  # a node whose value is being built


def _line_of_offset(data: bytes, offset: int) -> Position:
    before = data[:offset]
    return Position(before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1)


def decode_source(source: bytes | str, path: str, max_bytes: int = MAX_BYTES) -> str:
    """The file's text, or YamlProblem if it is larger than ``max_bytes`` or not UTF-8."""
    raw = source.encode("utf-8") if isinstance(source, str) else source
    if len(raw) > max_bytes:
        raise YamlProblem(
            Problem(
                "BS003",
                f"file is {len(raw):,} bytes; the limit is {max_bytes:,}",
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


# The values of the files read last, by their bytes: /reload, the studio's previews and a
# flow set checked again read mostly files that did not change. The values are shared, so
# every reader only reads them (tests/engine/test_yaml_paths.py checks that loading all the
# content changes none). A file with a problem is not kept: its problem names its path.
_PARSED: OrderedDict[bytes, Any] = OrderedDict()
_PARSED_KEPT = 64


def parse_yaml(source: bytes | str, path: str, *, max_bytes: int = MAX_BYTES) -> Any:
    """Parse one YAML document strictly. Raises YamlProblem with file, line and column.
    ``max_bytes``: the largest file accepted (BS003); MAX_BYTES unless the caller reads a file
    known to be larger, such as the crisis screen's rules."""
    raw = source.encode("utf-8") if isinstance(source, str) else source
    if raw in _PARSED:
        _PARSED.move_to_end(raw)
        return _PARSED[raw]
    value = _parse(raw, path, max_bytes)
    _PARSED[raw] = value
    if len(_PARSED) > _PARSED_KEPT:
        _PARSED.popitem(last=False)
    return value


def _parse(source: bytes, path: str, max_bytes: int = MAX_BYTES) -> Any:
    text = decode_source(source, path, max_bytes)
    for number, line in enumerate(text.splitlines() if "\t" in text else (), 1):
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
    if _FAST is not None:
        try:
            return _read_fast(text)
        except _Careful:
            pass  # read again the careful way below: the same values, or its exact problem
    return _read_careful(text, path)


def _read_careful(text: str, path: str) -> Any:
    """StrictLoader: libyaml's (or PyYAML's) events, composed and constructed in Python."""
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
