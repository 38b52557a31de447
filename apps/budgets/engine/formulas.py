"""Quantities and rates typed into a budget line: plain numbers or small formulas over globals.

Accepted input:

- plain numbers, optionally with comma thousands separators: ``12.5``, ``1,250.50``, ``-3``;
  commas are only understood in a plain number, never inside a formula;
- arithmetic formulas with ``+ - * /``, parentheses, unary minus and plus, over numbers and
  globals: ``SHOOT_DAYS + 2``, ``(SHOOT_DAYS + 2) / 5``, ``PREP_WEEKS * 5``;
- the functions ``min(a, b, ...)``, ``max(a, b, ...)``, ``round(x)``, ``round(x, n)`` (half up,
  like money, not Python's banker's rounding; -12 <= n <= 12), ``ceil(x)`` and ``floor(x)``.

Globals are UPPER_SNAKE names (``SHOOT_DAYS``). Lookup is case-insensitive: the name in the
formula and the keys of ``names`` are both compared upper-cased, so ``shoot_days`` reads
``SHOOT_DAYS``. Function names are case-insensitive too (``MAX`` is ``max``).

All arithmetic is Decimal: numeric literals are read from their source text, never through a
float, so ``0.1 + 0.2`` is exactly ``Decimal("0.3")``. Literals and results keep 28 significant
digits (so ``1/3`` is 0.333...3, 28 threes);
the result is not rounded to money here (line totals are rounded in calc).

Anything else (powers, comparisons, strings, attributes, lambdas, comprehensions, unknown
functions or globals, input over 500 characters, nesting over 100 levels, division by zero,
results that are not finite or exceed 10**100) raises FormulaError with a message fit to
show the user. The expression is parsed with ``ast`` and checked against a whitelist before
simpleeval evaluates it with Decimal operators; Python's eval is never used.
"""

import ast
import re
from collections.abc import Callable, Mapping
from decimal import (
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DecimalException,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from functools import lru_cache

from simpleeval import NameNotDefined, SimpleEval

from apps.core.errors import DomainError

MAX_LENGTH = 500
MAX_DEPTH = 100
MAX_ROUND_PLACES = 12

# 28 digits as in Decimal's default context; Emax keeps every result under 10**100 so no
# formula can build a number that costs real memory or time to print.
_CONTEXT = Context(
    prec=28,
    rounding=ROUND_HALF_UP,
    Emax=99,
    Emin=-99,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_LITERAL = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_NAME = re.compile(r"[A-Z][A-Z0-9_]*")

_BINARY_OPERATORS: dict[type[ast.operator], str] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
}
_UNARY_OPERATORS = (ast.USub, ast.UAdd)
# Friendly refusals for constructs users might type by mistake or malice.
_REFUSED_NODES: dict[type[ast.AST], str] = {
    ast.Attribute: "Attribute access (a.b) is not allowed",
    ast.Subscript: "Indexing (a[b]) is not allowed",
    ast.Compare: "Comparisons are not allowed",
    ast.BoolOp: "and/or are not allowed",
    ast.IfExp: "if/else is not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.ListComp: "Comprehensions are not allowed",
    ast.SetComp: "Comprehensions are not allowed",
    ast.DictComp: "Comprehensions are not allowed",
    ast.GeneratorExp: "Comprehensions are not allowed",
    ast.List: "Lists are not allowed",
    ast.Dict: "Dictionaries are not allowed",
    ast.Set: "Sets are not allowed",
    ast.JoinedStr: "Text is not allowed",
    ast.NamedExpr: "Assignment (:=) is not allowed",
    ast.Starred: "Unpacking (*) is not allowed",
}


class FormulaError(DomainError, ValueError):
    """The input is not a number or formula this module accepts; str(error) explains why."""


def _round(value: Decimal, places: Decimal = Decimal(0)) -> Decimal:
    if places != places.to_integral_value() or abs(places) > MAX_ROUND_PLACES:
        raise FormulaError(
            f"round() needs a whole number of places between -{MAX_ROUND_PLACES} "
            f"and {MAX_ROUND_PLACES}, not {places}"
        )
    try:
        return value.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise FormulaError(f"round() to {places} places needs more than 28 digits") from None


def _ceil(value: Decimal) -> Decimal:
    return value.to_integral_value(rounding=ROUND_CEILING)


def _floor(value: Decimal) -> Decimal:
    return value.to_integral_value(rounding=ROUND_FLOOR)


_FUNCTIONS: dict[str, Callable[..., Decimal]] = {
    "min": min,
    "max": max,
    "round": _round,
    "ceil": _ceil,
    "floor": _floor,
}
# (minimum, maximum) argument counts; None means no maximum.
_ARITY: dict[str, tuple[int, int | None]] = {
    "min": (2, None),
    "max": (2, None),
    "round": (1, 2),
    "ceil": (1, 1),
    "floor": (1, 1),
}


def plain_number(value: Decimal | int) -> str:
    """A stored quantity as a person would type it: 25.000000 -> "25", 5.200000 -> "5.2"."""
    return f"{Decimal(value).normalize():f}"


def evaluate(expression: str, names: Mapping[str, Decimal]) -> Decimal:
    """Value of a plain number or formula, e.g. evaluate("SHOOT_DAYS + 2", {"SHOOT_DAYS": 25}).

    Raises FormulaError for anything that is not an accepted number or formula, including an
    unknown global ("Unknown global 'SHOT_DAYS'"). Raises TypeError if names holds a value
    that is not a Decimal or int (a programming error, not a user error).
    """
    plain = _plain_number(expression)
    if plain is not None:
        return plain
    tree = _compile(expression.strip())
    evaluator = SimpleEval(
        operators=_OPERATORS, functions=dict(_FUNCTIONS), names=_upper_names(names)
    )
    try:
        with localcontext(_CONTEXT):
            result = evaluator.eval(expression, previously_parsed=tree)
    except NameNotDefined as error:
        raise FormulaError(f"Unknown global {error.name!r}") from None
    except (DivisionByZero, ZeroDivisionError):
        raise FormulaError("Division by zero") from None
    except Overflow:
        raise FormulaError("The result is too large") from None
    except DecimalException:
        raise FormulaError("The formula does not give a number") from None
    return _finite(result)


def names_used(expression: str) -> set[str]:
    """Upper-cased globals a formula reads; empty for a plain number. Raises FormulaError."""
    if _plain_number(expression) is not None:
        return set()
    tree = _compile(expression.strip())
    functions = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    return {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and id(node) not in functions
    }


def _plain_number(expression: str) -> Decimal | None:
    if not isinstance(expression, str):
        raise TypeError(f"expression must be a str, not {type(expression).__name__}")
    _check_length(expression)
    text = expression.strip()
    if not _PLAIN_NUMBER.fullmatch(text):
        return None
    return _finite(_literal(text.replace(",", "")))


def _check_length(expression: str) -> None:
    if len(expression) > MAX_LENGTH:
        raise FormulaError(f"Formula is too long ({len(expression)} characters, max {MAX_LENGTH})")
    if not expression.strip():
        raise FormulaError("Enter a number or a formula")


def _literal(text: str) -> Decimal:
    try:
        return _CONTEXT.create_decimal(text)
    except Overflow:
        raise FormulaError(f"The number {text[:20]}... is too large") from None


def _finite(value: object) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise FormulaError("The result is not a finite number")
    return _CONTEXT.add(value, 0)  # also turns -0 into 0


@lru_cache(maxsize=2048)
def _compile(text: str) -> ast.expr:
    """Parse and whitelist text; numeric literals become Decimal constants, names upper-cased.

    Cached because a budget re-evaluates the same few formulas on many lines. Callers must
    not mutate the returned tree.
    """
    _check_length(text)
    if any(not character.isprintable() for character in text):
        raise FormulaError("A formula must be one line of printable characters")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as error:
        raise FormulaError(f"Not a valid formula: {error.msg}") from None
    except (ValueError, RecursionError, MemoryError):
        raise FormulaError("Not a valid formula") from None
    return _Checker(text).visit(tree.body, depth=0)


class _Checker:
    """Rebuilds a whitelisted copy of the tree, refusing everything else with a FormulaError."""

    def __init__(self, source: str) -> None:
        self.source = source

    def visit(self, node: ast.AST, depth: int) -> ast.expr:
        if depth > MAX_DEPTH:
            raise FormulaError(f"Formula is nested too deeply (more than {MAX_DEPTH} levels)")
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.BinOp):
            return self.binop(node, depth)
        if isinstance(node, ast.UnaryOp):
            return self.unaryop(node, depth)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        if isinstance(node, ast.Tuple):
            raise FormulaError(
                "Commas are only allowed as thousands separators in a plain number "
                "(1,250.50) or between function arguments (max(A, B))"
            )
        refusal = _REFUSED_NODES.get(type(node), f"{type(node).__name__} is not allowed")
        raise FormulaError(f"{refusal} in a formula")

    def constant(self, node: ast.Constant) -> ast.expr:
        if isinstance(node.value, str | bytes):
            raise FormulaError("Text is not allowed in a formula")
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise FormulaError(f"{node.value!r} is not a number")
        text = ast.get_source_segment(self.source, node) or ""
        if not _LITERAL.fullmatch(text):
            raise FormulaError(
                f"Write numbers as plain digits like 12.5 (not {text!r}); "
                "no exponents, underscores or other bases"
            )
        return ast.Constant(value=_literal(text))

    def name(self, node: ast.Name) -> ast.expr:
        upper = node.id.upper()
        if not _NAME.fullmatch(upper):
            raise FormulaError(
                f"{node.id!r} is not a global name; use UPPER_SNAKE names like SHOOT_DAYS"
            )
        return ast.Name(id=upper, ctx=ast.Load())

    def binop(self, node: ast.BinOp, depth: int) -> ast.expr:
        if type(node.op) not in _BINARY_OPERATORS:
            symbol = _OPERATOR_SYMBOLS.get(type(node.op), type(node.op).__name__)
            raise FormulaError(f"The {symbol} operator is not supported; use + - * /")
        left = self.visit(node.left, depth + 1)
        right = self.visit(node.right, depth + 1)
        return ast.BinOp(left=left, op=node.op, right=right)

    def unaryop(self, node: ast.UnaryOp, depth: int) -> ast.expr:
        if not isinstance(node.op, _UNARY_OPERATORS):
            raise FormulaError("Only unary minus and plus are supported")
        return ast.UnaryOp(op=node.op, operand=self.visit(node.operand, depth + 1))

    def call(self, node: ast.Call, depth: int) -> ast.expr:
        if not isinstance(node.func, ast.Name):
            raise FormulaError("Only the functions min, max, round, ceil and floor can be called")
        function = node.func.id.lower()
        if function not in _FUNCTIONS:
            raise FormulaError(
                f"Unknown function {node.func.id!r}; use {', '.join(sorted(_FUNCTIONS))}"
            )
        if node.keywords:
            raise FormulaError(f"{function}() takes no keyword arguments")
        _check_arity(function, len(node.args))
        args = [self.visit(argument, depth + 1) for argument in node.args]
        return ast.Call(func=ast.Name(id=function, ctx=ast.Load()), args=args, keywords=[])


def _check_arity(function: str, count: int) -> None:
    minimum, maximum = _ARITY[function]
    if count < minimum or (maximum is not None and count > maximum):
        if maximum is None:
            expected = f"{minimum} or more"
        elif maximum == minimum:
            expected = f"exactly {minimum}"
        else:
            expected = f"{minimum} to {maximum}"
        raise FormulaError(f"{function}() takes {expected} argument(s), not {count}")


def _upper_names(names: Mapping[str, Decimal]) -> dict[str, Decimal]:
    result: dict[str, Decimal] = {}
    for key, value in names.items():
        if isinstance(value, bool) or not isinstance(value, Decimal | int):
            raise TypeError(f"Global {key!r} must be a Decimal or int, not {type(value).__name__}")
        result[key.upper()] = Decimal(value)
    return result


_OPERATORS: dict[type[ast.AST], Callable[..., Decimal]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.USub: lambda a: -a,
    ast.UAdd: lambda a: +a,
}
_OPERATOR_SYMBOLS: dict[type[ast.AST], str] = {
    ast.Pow: "**",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.BitXor: "^",
    ast.MatMult: "@",
}
