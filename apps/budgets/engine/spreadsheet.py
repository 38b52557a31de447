"""A line's formula as a spreadsheet formula: the same arithmetic over the cells of its globals.

``SHOOT_WEEKS + 2`` becomes ``=ROUND((Globals!$B$3+2),6)`` when SHOOT_WEEKS is in Globals!B3: the
quantity the app stores is the formula's value to 6 places (services.editing.quantity), and the
spreadsheet rounds it the same way, so both multiply the same numbers into the line's total.

Every construct the formulas module accepts has a spreadsheet twin: + - * / and parentheses,
min/max (MIN/MAX), round (ROUND: half away from zero, as Decimal's ROUND_HALF_UP), ceil and floor
(through INT, which rounds down in every spreadsheet: ceil(x) is -INT(-x)).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from decimal import Decimal

from .formulas import FormulaError, _compile, _plain_number

QUANTITY_PLACES = 6
_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


def spreadsheet_formula(expression: str, cells: Mapping[str, str]) -> Decimal | str:
    """A plain number as its value (a number cell), anything else as a live formula over the
    cells of the globals it reads (`cells`: global name -> cell reference), rounded to the
    places a quantity keeps. Raises FormulaError as `evaluate` would."""
    plain = _plain_number(expression)
    if plain is not None:
        return plain
    tree = _compile(expression.strip())
    return f"=ROUND({_emit(tree, cells.__getitem__)},{QUANTITY_PLACES})"


def _emit(node: ast.AST, cell: Callable[[str], str]) -> str:
    if isinstance(node, ast.Constant):
        return f"{node.value:f}"
    if isinstance(node, ast.Name):
        try:
            return cell(node.id)
        except KeyError:
            raise FormulaError(f"Unknown global {node.id!r}") from None
    if isinstance(node, ast.BinOp):
        operator = _OPERATORS[type(node.op)]
        return f"({_emit(node.left, cell)}{operator}{_emit(node.right, cell)})"
    if isinstance(node, ast.UnaryOp):
        sign = "-" if isinstance(node.op, ast.USub) else "+"
        return f"({sign}{_emit(node.operand, cell)})"
    if isinstance(node, ast.Call):
        args = [_emit(argument, cell) for argument in node.args]
        name = node.func.id
        if name in ("min", "max"):
            return f"{name.upper()}({','.join(args)})"
        if name == "round":
            return f"ROUND({args[0]},{args[1] if len(args) > 1 else '0'})"
        if name == "ceil":
            return f"(-INT(-{args[0]}))"
        if name == "floor":
            return f"INT({args[0]})"
    raise FormulaError(f"{type(node).__name__} has no spreadsheet form")  # the checker refused it
