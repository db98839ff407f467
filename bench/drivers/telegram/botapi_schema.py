"""Check Bot API requests against the official Bot API description (``api.json``).

Every request our bot sends in a test goes through :func:`validate_request`, which returns a list
of :class:`Problem` (empty when Telegram would accept the request as far as the description can
tell). The description is test data, vendored in ``tests/telegram/botapi/api.json`` (MIT, see
``tests/telegram/botapi/LICENSE``) and read from there by path; the environment variable
``BOT_API_SCHEMA`` points elsewhere.

What is checked:

* the method exists (case-insensitively, as Telegram matches method names);
* required fields are present and no unknown field is sent;
* each value has one of the field's types: Integer, Float, Boolean, String, InputFile, arrays,
  and objects (recursively: required fields, unknown fields, field types; a union such as
  ``reply_markup`` must match one of its types, a type with subtypes one of its subtypes);
* values arrive as Telegram receives them: form fields are strings, objects are JSON-serialised,
  so strings are decoded according to the field's types (a malformed JSON object is a problem);
* every length written in the description as ``N-M characters`` / ``N-M bytes``: message text
  1-4096 characters after entities parsing, captions 0-1024, callback_data 1-64 bytes, command
  1-32 characters ... Characters are counted in UTF-16 code units (how Telegram measures entity
  offsets; never less than the number of code points, so the check errs on the strict side).
  With ``parse_mode`` HTML the length is that of the text after parsing the tags;
* HTML with ``parse_mode`` HTML: only the tags Telegram supports, properly nested and closed;
  every ``<`` and ``&`` that is not part of a tag or of an entity (``&lt; &gt; &amp; &quot;`` or a
  numeric one) is a problem - this is what catches a client's words sent without escaping;
* inline keyboard buttons: non-empty label and exactly one action field (a button with only a
  label is refused by Telegram);
* bot commands: lowercase letters, digits and underscores only.
"""
from __future__ import annotations

import functools
import html
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "BotApiSchema",
    "FileUpload",
    "ParsedText",
    "Problem",
    "decode_params",
    "default_schema_path",
    "load_schema",
    "parse_html",
    "utf16_len",
    "validate_request",
]

PRIMITIVES = {"Integer", "Float", "Float number", "Boolean", "String", "True", "InputFile"}
PARSE_MODES = {"html", "markdown", "markdownv2"}

# Fields of InlineKeyboardButton that are not its action (exactly one action must be given).
_BUTTON_NON_ACTION = {"text", "icon_custom_emoji_id", "style"}
_LENGTH_RE = re.compile(r"\b(\d+)-(\d+) (characters|bytes)\b")
_MUST_BE_RE = re.compile(r"""(?:must be|always) ["“]?([a-z_]+)["”]?\s*$""")
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_AFTER_PARSING_RE = re.compile(r"after entit(?:y|ies) parsing")


def default_schema_path() -> Path:
    """``$BOT_API_SCHEMA`` or the vendored ``tests/telegram/botapi/api.json``."""
    env = os.environ.get("BOT_API_SCHEMA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "tests" / "telegram" / "botapi" / "api.json"


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units (what Telegram counts in entity offsets and lengths)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Problem:
    """One reason Telegram would refuse a request. ``code`` is stable; ``path`` names the value."""

    method: str
    path: str
    code: str
    message: str

    def __str__(self) -> str:
        where = f"{self.method}.{self.path}" if self.path else self.method
        return f"{where}: {self.message} [{self.code}]"


@dataclass(frozen=True)
class FileUpload:
    """Stands for a file sent as multipart/form-data (its bytes are not kept)."""

    filename: str | None
    mimetype: str | None
    size: int
    sha256: str = ""

    def __repr__(self) -> str:
        return f"<file {self.filename!r} {self.mimetype} {self.size} bytes>"


# --------------------------------------------------------------------------------------------
# HTML parse mode
# --------------------------------------------------------------------------------------------

_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
    "tg-time": "date_time",
}
_OPEN_TAG_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*?)?)\s*>")
_CLOSE_TAG_RE = re.compile(r"</([a-zA-Z][a-zA-Z0-9-]*)\s*>")
_ATTR_RE = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_ENTITY_RE = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


@dataclass
class ParsedText:
    """Text as the user sees it after Telegram parsed the markup, with entities and problems."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _attrs(raw: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in _ATTR_RE.findall(raw):
        if value[:1] in "\"'":
            value = value[1:-1]
        out[name.lower()] = html.unescape(value)
    return out


def parse_html(source: str) -> ParsedText:
    """Parse text the way Telegram parses ``parse_mode=HTML`` (the documented subset).

    Returns the visible text, the entities (offsets in UTF-16 code units) and any problems:
    unsupported or malformed tags, tags not closed or closed out of order, a bare ``<`` or ``&``.
    """
    out: list[str] = []
    out16 = 0  # UTF-16 length of what is in ``out``
    stack: list[tuple[str, str, dict[str, str], int]] = []  # (name, entity type, attrs, start)
    entities: list[dict[str, Any]] = []
    problems: list[str] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "<":
            close = _CLOSE_TAG_RE.match(source, i)
            if close:
                name = close.group(1).lower()
                if not stack:
                    problems.append(f"closing tag </{name}> at {i} was never opened")
                elif stack[-1][0] != name:
                    problems.append(
                        f"closing tag </{name}> at {i} does not match the open <{stack[-1][0]}>"
                    )
                else:
                    tag, etype, attrs, start = stack.pop()
                    length = out16 - start
                    if length > 0:
                        entity: dict[str, Any] = {"type": etype, "offset": start, "length": length}
                        if etype == "text_link":
                            url = attrs.get("href", "")
                            if url.startswith("tg://user?id="):
                                entity = {"type": "text_mention", "offset": start, "length": length}
                            else:
                                entity["url"] = url
                        elif etype == "blockquote" and "expandable" in attrs:
                            entity["type"] = "expandable_blockquote"
                        elif etype == "custom_emoji":
                            entity["custom_emoji_id"] = attrs.get("emoji-id", "")
                        elif etype == "pre" and attrs.get("language"):
                            entity["language"] = attrs["language"]
                        entities.append(entity)
                i = close.end()
                continue
            opened = _OPEN_TAG_RE.match(source, i)
            if not opened:
                problems.append(f"unescaped '<' at {i} (write &lt;)")
                out.append(c)
                out16 += 1
                i += 1
                continue
            name = opened.group(1).lower()
            attrs = _attrs(opened.group(2) or "")
            etype = _HTML_TAGS.get(name)
            if etype is None:
                problems.append(f"unsupported tag <{name}> at {i}")
            elif name == "span" and attrs.get("class") != "tg-spoiler":
                problems.append(f'<span> at {i} needs class="tg-spoiler"')
            elif name == "a" and not attrs.get("href"):
                problems.append(f"<a> at {i} needs an href")
            elif name == "tg-emoji" and not attrs.get("emoji-id"):
                problems.append(f"<tg-emoji> at {i} needs an emoji-id")
            if name == "code" and stack and stack[-1][0] == "pre" and attrs.get("class", ""):
                # <pre><code class="language-python"> gives the pre block its language
                lang = attrs["class"].removeprefix("language-")
                stack[-1][2]["language"] = lang
            stack.append((name, etype or "unknown", attrs, out16))
            i = opened.end()
            continue
        if c == "&":
            ent = _ENTITY_RE.match(source, i)
            if not ent:
                problems.append(f"unescaped '&' at {i} (write &amp;)")
                out.append(c)
                out16 += 1
                i += 1
                continue
            if ent.group(1):
                ch = _NAMED[ent.group(1)]
            else:
                code = int(ent.group(2)) if ent.group(2) else int(ent.group(3), 16)
                try:
                    ch = chr(code)
                except (ValueError, OverflowError):
                    problems.append(f"invalid character reference at {i}")
                    ch = "\ufffd"
            out.append(ch)
            out16 += utf16_len(ch)
            i = ent.end()
            continue
        out.append(c)
        out16 += 2 if ord(c) > 0xFFFF else 1
        i += 1
    for name, _etype, _attrs_, _start in reversed(stack):
        problems.append(f"tag <{name}> is not closed")
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return ParsedText("".join(out), entities, problems)


# --------------------------------------------------------------------------------------------
# The schema
# --------------------------------------------------------------------------------------------


def _split_type(type_name: str) -> tuple[int, str]:
    depth = 0
    while type_name.startswith("Array of "):
        depth += 1
        type_name = type_name[len("Array of ") :]
    return depth, type_name


def _length_rule(description: str) -> tuple[int, int, str] | None:
    match = _LENGTH_RE.search(description)
    if not match:
        return None
    return int(match.group(1)), int(match.group(2)), match.group(3)


class BotApiSchema:
    """The Bot API description, indexed for validation."""

    def __init__(self, data: Mapping[str, Any], source: str = "<memory>"):
        self.source = source
        self.version: str = data.get("version", "?")
        self.methods: dict[str, dict[str, Any]] = dict(data["methods"])
        self.types: dict[str, dict[str, Any]] = dict(data["types"])
        self._by_lower = {name.lower(): name for name in self.methods}

    # -- look-ups ----------------------------------------------------------------------------

    def method_name(self, name: str) -> str | None:
        """The method's canonical spelling (``SENDMESSAGE`` -> ``sendMessage``), or None."""
        return self._by_lower.get(name.lower())

    def fields(self, method: str) -> dict[str, dict[str, Any]]:
        canonical = self.method_name(method)
        if canonical is None:
            return {}
        return {f["name"]: f for f in self.methods[canonical].get("fields", [])}

    # -- decoding ------------------------------------------------------------------------------

    def decode(self, method: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Turn wire values (form strings, JSON-serialised objects) into Python values.

        String-typed fields are kept as sent; other fields sent as strings are JSON-decoded when
        that gives a value of one of the field's types. Unknown fields and undecodable values are
        kept as they are (validation reports them).
        """
        fields = self.fields(method)
        return {key: self._decode_value(fields.get(key), value) for key, value in params.items()}

    @staticmethod
    def _decode_value(spec: Mapping[str, Any] | None, value: Any) -> Any:
        if spec is None or not isinstance(value, str):
            return value
        types = spec["types"]
        if types == ["String"]:
            return value
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        if isinstance(decoded, str):
            return value
        for type_name in types:
            if _matches_shape(type_name, decoded):
                return decoded
        return value if "String" in types else decoded

    # -- validation ------------------------------------------------------------------------------

    def validate(self, method: str, params: Mapping[str, Any]) -> list[Problem]:
        canonical = self.method_name(method)
        if canonical is None:
            suggestion = _closest(method, self.methods)
            hint = f"; did you mean {suggestion}?" if suggestion else ""
            return [Problem(method, "", "unknown_method", f"no Bot API method {method!r}{hint}")]
        fields = self.fields(canonical)
        values = self.decode(canonical, params)
        problems: list[Problem] = []

        for name, spec in fields.items():
            if spec["required"] and values.get(name) is None:
                problems.append(Problem(canonical, name, "missing_field", "required field missing"))
        for name, value in values.items():
            spec = fields.get(name)
            if spec is None:
                hint = _closest(name, fields)
                problems.append(
                    Problem(
                        canonical,
                        name,
                        "unknown_field",
                        f"{canonical} has no field {name!r}"
                        + (f"; did you mean {hint!r}?" if hint else ""),
                    )
                )
                continue
            if value is None:
                continue
            if isinstance(value, str) and "String" not in spec["types"] and any(
                _split_type(t)[0] or _split_type(t)[1] not in PRIMITIVES for t in spec["types"]
            ):
                problems.append(
                    Problem(
                        canonical,
                        name,
                        "bad_json",
                        f"expected JSON-serialised {' or '.join(spec['types'])}, "
                        f"got {value[:60]!r}",
                    )
                )
                continue
            problems.extend(self._check_union(canonical, name, spec["types"], value))
            problems.extend(self._check_length(canonical, name, spec, value, values))
        problems.extend(self._check_parse_modes(canonical, fields, values))
        return problems

    def validate_object(self, type_name: str, value: Any, path: str = "") -> list[Problem]:
        """Validate a value (e.g. an incoming ``Update`` dict) against one type of the schema."""
        return self._check_union(type_name, path, [type_name], value)

    def _check_union(self, method: str, path: str, types: list[str], value: Any) -> list[Problem]:
        best: list[Problem] | None = None
        for type_name in types:
            found = self._check_type(method, path, type_name, value)
            if not found:
                return []
            if best is None or len(found) < len(best):
                best = found
        assert best is not None
        structural = {"missing_field", "unknown_field", "bad_type"}
        if len(types) > 1 and any(
            p.code in structural and (p.path == path or p.path.rpartition(".")[0] == path)
            for p in best
        ):
            kinds = " or ".join(types)
            return [Problem(method, path, "bad_type", f"value matches none of {kinds}"), *best]
        return best

    def _check_type(self, method: str, path: str, type_name: str, value: Any) -> list[Problem]:
        depth, base = _split_type(type_name)
        if depth:
            if not isinstance(value, list):
                return [Problem(method, path, "bad_type", f"expected {type_name}, got {_kind(value)}")]
            inner = type_name[len("Array of ") :]
            problems: list[Problem] = []
            for index, item in enumerate(value):
                problems.extend(self._check_type(method, f"{path}[{index}]", inner, item))
            return problems
        if base in PRIMITIVES:
            if _primitive_ok(base, value):
                return []
            return [Problem(method, path, "bad_type", f"expected {base}, got {_kind(value)}")]
        spec = self.types.get(base)
        if spec is None:
            return []  # a type the description names but does not define: nothing to check
        if "subtypes" in spec:
            return self._check_union(method, path, list(spec["subtypes"]), value)
        if not isinstance(value, dict):
            return [Problem(method, path, "bad_type", f"expected {base} object, got {_kind(value)}")]
        return self._check_object(method, path, base, spec, value)

    def _check_object(
        self, method: str, path: str, type_name: str, spec: Mapping[str, Any], value: dict
    ) -> list[Problem]:
        fields = {f["name"]: f for f in spec.get("fields", [])}
        problems: list[Problem] = []
        prefix = f"{path}." if path else ""
        for name, fspec in fields.items():
            if fspec["required"] and value.get(name) is None:
                problems.append(
                    Problem(method, prefix + name, "missing_field", f"{type_name} needs {name!r}")
                )
        for name, item in value.items():
            fspec = fields.get(name)
            if fspec is None:
                hint = _closest(name, fields)
                problems.append(
                    Problem(
                        method,
                        prefix + name,
                        "unknown_field",
                        f"{type_name} has no field {name!r}"
                        + (f"; did you mean {hint!r}?" if hint else ""),
                    )
                )
                continue
            if item is None:
                continue
            problems.extend(self._check_union(method, prefix + name, fspec["types"], item))
            problems.extend(self._check_length(method, prefix + name, fspec, item, value))
            must_be = _MUST_BE_RE.search(fspec.get("description", ""))
            if name == "type" and must_be and item != must_be.group(1):
                problems.append(
                    Problem(
                        method,
                        prefix + name,
                        "bad_value",
                        f"{type_name}.type must be {must_be.group(1)!r}, got {item!r}",
                    )
                )
        if type_name == "InlineKeyboardButton":
            problems.extend(self._check_button(method, path, value))
        if type_name == "BotCommand" and isinstance(value.get("command"), str):
            if not _COMMAND_RE.match(value["command"]):
                problems.append(
                    Problem(
                        method,
                        prefix + "command",
                        "bad_command",
                        f"command {value['command']!r} must be 1-32 lowercase letters, digits "
                        "or underscores, without the leading /",
                    )
                )
        return problems

    @staticmethod
    def _check_button(method: str, path: str, value: Mapping[str, Any]) -> list[Problem]:
        problems = []
        prefix = f"{path}." if path else ""
        if isinstance(value.get("text"), str) and not value["text"].strip():
            problems.append(Problem(method, prefix + "text", "empty_label", "button label is empty"))
        actions = [k for k in value if k not in _BUTTON_NON_ACTION and value[k] is not None]
        if len(actions) != 1:
            problems.append(
                Problem(
                    method,
                    path,
                    "bad_button",
                    "an inline button needs exactly one action field (callback_data, url, ...), "
                    f"got {actions or 'none'}",
                )
            )
        return problems

    def _check_length(
        self,
        method: str,
        path: str,
        spec: Mapping[str, Any],
        value: Any,
        siblings: Mapping[str, Any],
    ) -> list[Problem]:
        if not isinstance(value, str):
            return []
        description = spec.get("description", "")
        rule = _length_rule(description)
        if rule is None:
            return []
        low, high, unit = rule
        text = value
        name = spec["name"]
        if _AFTER_PARSING_RE.search(description):
            mode_field = "parse_mode" if name in ("text", "caption") else f"{name}_parse_mode"
            mode = siblings.get(mode_field)
            if isinstance(mode, str) and mode.lower() == "html":
                text = parse_html(value).text
            text = text.strip()
        size = len(text.encode("utf-8")) if unit == "bytes" else utf16_len(text)
        if low <= size <= high:
            return []
        code = {
            "text": "text_length",
            "caption": "caption_length",
            "callback_data": "callback_data_length",
        }.get(name, "length")
        what = "empty" if size == 0 else f"{size} {unit}"
        return [Problem(method, path, code, f"must be {low}-{high} {unit}, is {what}")]

    @staticmethod
    def _check_parse_modes(
        method: str, fields: Mapping[str, Any], values: Mapping[str, Any]
    ) -> list[Problem]:
        problems: list[Problem] = []
        for name, mode in values.items():
            if not (name == "parse_mode" or name.endswith("_parse_mode")) or mode is None:
                continue
            if not isinstance(mode, str) or mode.lower() not in PARSE_MODES:
                problems.append(
                    Problem(method, name, "bad_parse_mode", f"unknown parse mode {mode!r}")
                )
                continue
            if mode.lower() != "html":
                continue
            targets = ("text", "caption") if name == "parse_mode" else (name[: -len("_parse_mode")],)
            for target in targets:
                text = values.get(target)
                if isinstance(text, str):
                    for issue in parse_html(text).problems:
                        problems.append(
                            Problem(method, target, "bad_html", f"can't parse entities: {issue}")
                        )
        return problems


def _primitive_ok(base: str, value: Any) -> bool:
    if base == "Integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if base in ("Float", "Float number"):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if base == "Boolean":
        return isinstance(value, bool)
    if base == "True":
        return value is True
    if base == "String":
        return isinstance(value, str)
    if base == "InputFile":
        return isinstance(value, FileUpload)
    return False


def _matches_shape(type_name: str, value: Any) -> bool:
    """Whether a JSON-decoded value has the rough shape of ``type_name`` (for decoding)."""
    depth, base = _split_type(type_name)
    if depth:
        return isinstance(value, list)
    if base in PRIMITIVES:
        return base != "String" and base != "InputFile" and _primitive_ok(base, value)
    return isinstance(value, dict)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Float"
    if isinstance(value, str):
        return f"String {value[:40]!r}"
    if isinstance(value, list):
        return "Array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _closest(name: str, candidates: Iterable[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.75)
    return matches[0] if matches else None


# --------------------------------------------------------------------------------------------
# Module-level helpers
# --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _load(path: str) -> BotApiSchema:
    try:
        handle = open(path, encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(
            f"Bot API description not found at {path}: put api.json there "
            "(tests/telegram/botapi/) or set BOT_API_SCHEMA"
        ) from None
    with handle:
        return BotApiSchema(json.load(handle), source=path)


def load_schema(path: str | os.PathLike[str] | None = None) -> BotApiSchema:
    """Load (once per path) the Bot API description."""
    return _load(str(Path(path) if path else default_schema_path()))


def decode_params(method: str, params: Mapping[str, Any], schema: BotApiSchema | None = None) -> dict[str, Any]:
    """Wire parameters (form strings / JSON) -> Python values, using the method's field types."""
    return (schema or load_schema()).decode(method, params)


def validate_request(
    method: str, params: Mapping[str, Any], schema: BotApiSchema | None = None
) -> list[Problem]:
    """Problems Telegram would have with ``method(**params)``; empty when the request is good.

    ``params`` may hold wire values (strings, JSON-serialised objects, as PTB sends them) or
    Python values (ints, dicts, lists), or a mix.
    """
    return (schema or load_schema()).validate(method, params)
