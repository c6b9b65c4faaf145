"""The small language of ``[[checks]]``: metric keys, numbers, + − × ÷, comparisons, sum().

A rule is parsed with :mod:`ast` and every node is checked against a
whitelist before anything is evaluated; nothing is ever passed to ``eval``.
Evaluation is interval arithmetic: a value stated with d decimals stands for
v ± ½·10⁻ᵈ (XBRL Calculations 1.1), a count is exact, a hedged figure (“{x}余”)
is open on one side, and a comparison holds when the intervals allow it.
"""

from __future__ import annotations

import ast
import math
import warnings
from functools import lru_cache
from typing import NamedTuple

MAX_LENGTH = 400
MAX_NODES = 200

_SYMBOLS = {
    "×": "*",
    "÷": "/",
    "−": "-",
    "－": "-",
    "＋": "+",
    "（": "(",
    "）": ")",
    "≥": ">=",
    "≤": "<=",
    "≠": "!=",
    "＝": "=",
    "，": ",",
}
_COMPARE = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div)
FUNCTIONS = ("sum",)


class ZeroDivisor(ArithmeticError):
    """A rule divides by a figure that is zero (or, within its rounding, may be)."""

    def __init__(self, divisor: ast.expr) -> None:
        super().__init__(ast.unparse(divisor))
        self.divisor = divisor


class ExpressionError(ValueError):
    """A rule that cannot be read; ``index`` is where in the rule's text."""

    def __init__(self, message: str, index: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.index = index


class Interval(NamedTuple):
    """The values a stated figure may stand for."""

    lo: float
    hi: float

    @classmethod
    def exact(cls, value: float) -> Interval:
        return cls(value, value)

    def __str__(self) -> str:
        if self.lo == self.hi:
            return _number(self.lo)
        return f"[{_number(self.lo)}, {_number(self.hi)}]"


def _number(value: float) -> str:
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return f"{value:g}" if value != int(value) else str(int(value))


def _normalise(text: str) -> tuple[str, list[int]]:
    """The rule in ASCII operators, and for each of its characters the index in ``text``."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        rep = _SYMBOLS.get(ch, ch)
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if rep == "=" and prev not in "=!<>≥≤＝" and nxt not in "=＝":
            rep = "=="  # a lone = reads as equality, as a clerk means it
        out.append(rep)
        where.extend([i] * len(rep))
    return "".join(out), where


@lru_cache(maxsize=1024)
def parse(text: str) -> ast.Compare:
    """The rule's syntax tree, checked against the whitelist (or :class:`ExpressionError`)."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"关系式太长（超过 {MAX_LENGTH} 个字符）")
    source, where = _normalise(text)
    try:
        with warnings.catch_warnings():  # a clerk's "\>" is refused below, not warned about
            warnings.simplefilter("ignore", (SyntaxWarning, DeprecationWarning))
            tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as e:
        offset = max(
            0, min((e.offset or 1) - 1 + (len(source) - len(source.lstrip())), len(where) - 1)
        )
        raise ExpressionError("关系式写法有误，无法解析", where[offset] if where else 0) from e
    except (RecursionError, MemoryError, ValueError) as e:
        raise ExpressionError("关系式嵌套太深或含有无法解析的字符") from e
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise ExpressionError("关系式太复杂")
    for node in nodes:
        _check(node, where)
    if not isinstance(tree.body, ast.Compare):
        raise ExpressionError("关系式须是一个比较，如 total == a + b 或 part <= whole")
    return tree.body


def index_in(text: str, node: ast.AST) -> int:
    """Where ``node`` of the parsed rule ``text`` begins in the text as the clerk wrote it."""
    source, where = _normalise(text)
    lead = len(source) - len(source.lstrip())  # parse() strips the rule
    offset = getattr(node, "col_offset", 0) + lead
    return where[offset] if where and offset < len(where) else 0


def _index(node: ast.AST, where: list[int]) -> int:
    offset = getattr(node, "col_offset", 0)
    return where[offset] if where and offset < len(where) else 0


def _check(node: ast.AST, where: list[int]) -> None:
    allowed = (
        ast.Expression,
        ast.Compare,
        ast.BinOp,
        ast.UnaryOp,
        ast.Name,
        ast.Load,
        ast.Call,
        ast.Constant,
        ast.USub,
        ast.UAdd,
        *_COMPARE,
        *_ARITHMETIC,
    )
    if not isinstance(node, allowed):
        raise ExpressionError(
            "关系式中只能用指标名、数字、+ - × ÷、括号、比较符号和 sum()", _index(node, where)
        )
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ExpressionError("关系式中只能出现数字常量", _index(node, where))
        if not math.isfinite(_as_float(value)):
            raise ExpressionError("关系式中的数字太大", _index(node, where))
    if (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Div)
        and isinstance(node.right, ast.Constant)
        and node.right.value == 0
    ):
        raise ExpressionError("关系式中不能除以 0", _index(node.right, where))
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords:
            raise ExpressionError("关系式中只能调用 sum(…)", _index(node, where))
        if not node.args:
            raise ExpressionError("sum() 至少要有一个指标", _index(node, where))
    if isinstance(node, ast.Compare):
        for operand in (node.left, *node.comparators):
            if isinstance(operand, ast.Compare):
                raise ExpressionError("比较不能嵌套", _index(operand, where))


def _as_float(value: int | float) -> float:
    try:
        return float(value)
    except OverflowError:
        return math.inf


def names(tree: ast.AST) -> list[ast.Name]:
    """The metric keys a rule refers to (``sum`` excluded), in order of appearance."""
    calls = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    found = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in calls]
    return sorted(found, key=lambda n: n.col_offset)


def _mul(x: float, y: float) -> float:
    return 0.0 if x == 0 or y == 0 else x * y


def _value(node: ast.AST, values: dict[str, Interval]) -> Interval:
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.Constant):
        assert isinstance(node.value, int | float)  # the whitelist admits only numbers
        return Interval.exact(float(node.value))
    if isinstance(node, ast.UnaryOp):
        inner = _value(node.operand, values)
        return Interval(-inner.hi, -inner.lo) if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.Call):
        total = Interval.exact(0.0)
        for arg in node.args:
            total = _add(total, _value(arg, values))
        return total
    assert isinstance(node, ast.BinOp)
    a, b = _value(node.left, values), _value(node.right, values)
    if isinstance(node.op, ast.Add):
        return _add(a, b)
    if isinstance(node.op, ast.Sub):
        return _add(a, Interval(-b.hi, -b.lo))
    if isinstance(node.op, ast.Div):
        if b.lo <= 0 <= b.hi:
            if math.isinf(b.lo) or math.isinf(b.hi):
                return Interval(-math.inf, math.inf)  # a hedged divisor: nothing to say
            raise ZeroDivisor(node.right)
        b = Interval(1 / b.hi, 1 / b.lo)
    products = [_mul(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
    return Interval(min(products), max(products))


def _add(a: Interval, b: Interval) -> Interval:
    return Interval(a.lo + b.lo, a.hi + b.hi)


def _holds(op: ast.cmpop, a: Interval, b: Interval) -> bool:
    if isinstance(op, ast.Eq):
        return a.lo <= b.hi and b.lo <= a.hi
    if isinstance(op, ast.NotEq):
        return not (a.lo == a.hi == b.lo == b.hi)
    if isinstance(op, ast.LtE):
        return a.lo <= b.hi
    if isinstance(op, ast.Lt):
        return a.lo < b.hi
    if isinstance(op, ast.GtE):
        return a.hi >= b.lo
    return a.hi > b.lo  # ast.Gt


def evaluate(
    tree: ast.Compare, values: dict[str, Interval]
) -> tuple[bool, list[tuple[Interval, Interval]]]:
    """Whether every comparison of the chain can hold; the failing sides, for the message.

    Raises :class:`ZeroDivisor` when the rule divides by a stated zero: the
    relation says nothing then, and holding it true would hide a slip.
    """
    failed = []
    left = _value(tree.left, values)
    for op, node in zip(tree.ops, tree.comparators, strict=True):
        right = _value(node, values)
        if not _holds(op, left, right):
            failed.append((left, right))
        left = right
    return not failed, failed
