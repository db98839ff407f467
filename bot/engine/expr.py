"""Conditions for `next: - if: ...`: a small safe expression language, never `eval`.

    urge >= 7            mood < 4 and urge > 6        choice == 'rest'
    not consent          'sleep' in wants              (a or b) and c != 2

    shape(answer) == 'vague'     shape(answer) != 'question'

Names are variables (a name not saved yet is empty); literals are numbers, 'text' or "text",
true, false. Operators: == != < <= > >= in, not in, and, or, not, parentheses. Functions:
shape(x) is the shape of a free-text answer (clause, fragment, question, negation, vague, long;
see bot/engine/reflection).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .reflection import risk, shape, theme

Values = Mapping[str, Any]
Evaluator = Callable[[Values], Any]


class ExprSyntaxError(ValueError):
    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.offset = offset


_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?)|(?P<string>'[^']*'|\"[^\"]*\")"
    r"|(?P<op>==|!=|<=|>=|<|>|\(|\))|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<bad>\S))"
)
FUNCTIONS: dict[str, Callable[[Any], Any]] = {
    "shape": lambda value: shape("" if value is None else str(value)),
    # what an answer is about, and a risky mix or using alone (docs/flows.md, "Themes and risks")
    "theme": lambda value: theme("" if value is None else str(value)),
    "risk": lambda value: risk("" if value is None else str(value)),
}
_KEYWORDS = {"and", "or", "not", "in", "true", "false"}
_COMPARE = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    offset: int


def _tokens(source: str) -> list[Token]:
    out = []
    for match in _TOKEN.finditer(source):
        kind = match.lastgroup
        if kind is None:
            continue
        text, offset = match.group(kind), match.start(kind)
        if kind == "bad":
            hint = " (use == to compare)" if text == "=" else ""
            raise ExprSyntaxError(f"unexpected '{text}'{hint}", offset)
        if kind == "name" and text in _KEYWORDS:
            kind = text
        out.append(Token(kind, text, offset))
    out.append(Token("end", "", len(source)))
    return out


def _compare(op: str, left: Any, right: Any) -> bool:
    if op in ("==", "!="):
        return _COMPARE[op](_norm(left), _norm(right))
    try:
        return bool(_COMPARE[op](float(left), float(right)))
    except (TypeError, ValueError):
        return False  # an empty or non-numeric value is never greater or smaller


def _norm(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and not _may_be_number(value):
        return value.casefold()  # "yes", "done": no float() raising on every comparison
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value).casefold()


def _may_be_number(text: str) -> bool:
    """Whether float() could read ``text``: it starts with a digit (any script's), a sign, a
    point, space, or the i/n of inf and nan."""
    first = text[:1]
    return not first or first.isdigit() or first.isspace() or first in "+-.iInN"


def _contains(item: Any, container: Any) -> bool:
    if container is None:
        return False
    if isinstance(container, (list, tuple)):
        return _norm(item) in [_norm(c) for c in container]
    return str(item).casefold() in str(container).casefold()


@dataclass
class Condition:
    source: str
    names: frozenset[str]
    evaluate: Evaluator

    def __call__(self, values: Values) -> bool:
        return bool(self.evaluate(values))

    def __reduce__(self) -> tuple[Callable[[str], Condition], tuple[str]]:
        """Pickled as its source (the start-up cache): read again, it is the same condition."""
        return parse_condition, (self.source,)


class _Parser:
    def __init__(self, source: str):
        self.tokens = _tokens(source)
        self.i = 0
        self.names: set[str] = set()
        self.constants: dict[Evaluator, Any] = {}  # the literal atoms, and their values

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self, kind: str | None = None) -> Token:
        token = self.tokens[self.i]
        if kind and kind not in (token.kind, token.text):
            expected = "')'" if kind == ")" else kind
            raise ExprSyntaxError(
                f"expected {expected} but found '{token.text or 'the end'}'", token.offset
            )
        self.i += 1
        return token

    def parse(self) -> Evaluator:
        result = self.or_()
        if self.peek().kind != "end":
            token = self.peek()
            raise ExprSyntaxError(f"unexpected '{token.text}'", token.offset)
        return result

    def or_(self) -> Evaluator:
        left = self.and_()
        while self.peek().kind == "or":
            self.take()
            right = self.and_()
            left = (lambda a, b: lambda v: bool(a(v)) or bool(b(v)))(left, right)
        return left

    def and_(self) -> Evaluator:
        left = self.not_()
        while self.peek().kind == "and":
            self.take()
            right = self.not_()
            left = (lambda a, b: lambda v: bool(a(v)) and bool(b(v)))(left, right)
        return left

    def not_(self) -> Evaluator:
        if self.peek().kind == "not":
            self.take()
            inner = self.not_()
            return lambda v: not _truthy(inner(v))
        return self.comparison()

    def comparison(self) -> Evaluator:
        left = self.atom()
        token = self.peek()
        if token.kind == "op" and token.text in _COMPARE:
            self.take()
            right = self.atom()
            if token.text in ("==", "!=") and right in self.constants:  # `x == "yes"`: the
                equal = _COMPARE[token.text]  # constant side normalised once, not every turn
                fixed = _norm(self.constants[right])
                return lambda v: equal(_norm(left(v)), fixed)
            return lambda v: _compare(token.text, left(v), right(v))
        if token.kind == "in" or (token.kind == "not" and self.tokens[self.i + 1].kind == "in"):
            negate = token.kind == "not"
            self.take()
            if negate:
                self.take("in")
            right = self.atom()
            return lambda v: _contains(left(v), right(v)) != negate
        return left

    def atom(self) -> Evaluator:
        token = self.take()
        if token.kind == "number":
            return self.constant(float(token.text))
        if token.kind == "string":
            return self.constant(token.text[1:-1])
        if token.kind in ("true", "false"):
            return self.constant(token.kind == "true")
        if token.kind == "name" and self.peek().text == "(":
            return self.call(token)
        if token.kind == "name":
            self.names.add(token.text)
            name = token.text
            return lambda v: v.get(name)
        if token.kind == "op" and token.text == "(":
            inner = self.or_()
            self.take(")")
            return inner
        raise ExprSyntaxError(
            f"expected a value but found '{token.text or 'the end'}'", token.offset
        )

    def constant(self, value: Any) -> Evaluator:
        def evaluate(_v: Values) -> Any:
            return value

        self.constants[evaluate] = value
        return evaluate

    def call(self, token: Token) -> Evaluator:
        function = FUNCTIONS.get(token.text)
        if function is None:
            raise ExprSyntaxError(
                f"unknown function '{token.text}' (functions: {', '.join(FUNCTIONS)})", token.offset
            )
        self.take("(")
        argument = self.or_()
        self.take(")")
        return lambda v: function(argument(v))


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "no", "false", "0")
    return bool(value)


def parse_condition(source: str) -> Condition:
    parser = _Parser(source)
    evaluate = parser.parse()
    return Condition(source, frozenset(parser.names), lambda v: _truthy(evaluate(v)))
