"""Budget arithmetic engine: pure Python, Decimal only, no Django.

Modules: money (exact sums and products; the rounding rule itself is apps.core.money.round_money,
imported from there by everyone), formulas (numbers and formulas typed into
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
    wage_fringes,
)
from .formulas import FormulaError, evaluate, names_used, plain_number
from .money import money_sum
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
    "plain_number",
    "fringe_amount",
    "fringe_amounts",
    "line_total",
    "list_templates",
    "load_template",
    "markup_amount",
    "money_sum",
    "names_used",
    "rollup",
    "wage_fringes",
]
