"""Budget arithmetic engine: pure Python, Decimal only, no Django.

Modules: money (minor units and THE rounding rule), formulas (numbers and formulas typed into
lines), calc (lines, fringes, markups, roll-up), templates (chart-of-accounts data).
"""

from .calc import (
    SECTION_CODES,
    Account,
    BudgetTotals,
    Category,
    Fringe,
    LineInput,
    Markup,
    Section,
    Totals,
    fringe_amount,
    fringe_amounts,
    line_total,
    markup_amount,
    rollup,
)
from .formulas import FormulaError, evaluate, names_used
from .money import minor_units, money_sum, round_money
from .templates import TemplateError, list_templates, load_template

__all__ = [
    "SECTION_CODES",
    "Account",
    "BudgetTotals",
    "Category",
    "FormulaError",
    "Fringe",
    "LineInput",
    "Markup",
    "Section",
    "TemplateError",
    "Totals",
    "evaluate",
    "fringe_amount",
    "fringe_amounts",
    "line_total",
    "list_templates",
    "load_template",
    "markup_amount",
    "minor_units",
    "money_sum",
    "names_used",
    "rollup",
    "round_money",
]
