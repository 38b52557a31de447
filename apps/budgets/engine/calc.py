"""Budget arithmetic: detail lines, fringes, markups and the roll-up to a grand total.

Rules (rounding is the one rule stated in money):

- A detail line's total is ``amount × x × rate × exchange_rate``, computed exactly and then
  rounded once to the budget currency. ``exchange_rate`` converts the line's own currency into
  the budget currency (1 when they are the same).
- A percent fringe is ``rate`` percent of the line total; with a cutoff it applies only to the
  part of the line total up to the cutoff, counted per detail line:
  ``base = min(line_total, cutoff)``. Cutoffs are in the budget currency. (Real payroll caps
  are per person per year; a per-line cutoff is the usual budgeting approximation.)
- A flat fringe is ``rate`` budget-currency units per unit of the line's quantity
  ``amount × x`` (e.g. 10 weeks × 1 person with a 45.00 flat fringe is 450.00). It ignores the
  line's rate and exchange rate.
- Each fringe amount on each line is rounded once; fringe totals are sums of those.
- A markup is ``percent`` of the (lines + fringes) total of the sections it names, rounded
  once. Markups never apply to other markups.
- The grand total is the sum of rounded line totals + rounded fringe amounts + markups; since
  every sum is exact, it does not depend on the order of lines.

Inputs must be Decimal (int is accepted): floats raise TypeError.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, TypeVar

from apps.core.money import round_money, to_decimal

from .money import exact_product, money_sum

SECTION_CODES = ("ATL", "PRODUCTION", "POST", "OTHER")
"""Budget sections in report order: above the line, production, post, other."""

FringeKind = Literal["percent", "flat"]
Key = int | str
_K = TypeVar("_K")
_V = TypeVar("_V")
_PERCENT = Decimal("0.01")


@dataclass(frozen=True)
class LineInput:
    """One detail line: amount (e.g. 2 people) × x (e.g. 10 weeks) × rate (per unit)."""

    amount: Decimal
    x: Decimal
    rate: Decimal
    exchange_rate: Decimal = Decimal(1)
    fringe_codes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("amount", "x", "rate", "exchange_rate"):
            object.__setattr__(self, name, to_decimal(getattr(self, name), name))
        if self.exchange_rate <= 0:
            raise ValueError(f"exchange_rate must be positive, not {self.exchange_rate}")
        codes = tuple(self.fringe_codes)
        if len(set(codes)) != len(codes):
            raise ValueError(f"fringe_codes lists a fringe twice: {codes}")
        object.__setattr__(self, "fringe_codes", codes)

    @property
    def units(self) -> Decimal:
        """The line's quantity amount × x, the base of flat fringes."""
        return exact_product(self.amount, self.x)


@dataclass(frozen=True)
class Fringe:
    """A payroll burden applied to the lines that list its code; see the module rules."""

    code: str
    name: str
    kind: FringeKind
    rate: Decimal
    cutoff: Decimal | None = None

    def __post_init__(self) -> None:
        _require_text(self.code, "Fringe code")
        _require_text(self.name, f"Fringe {self.code!r} name")
        if self.kind not in ("percent", "flat"):
            raise ValueError(f"Fringe {self.code!r} kind must be 'percent' or 'flat'")
        object.__setattr__(self, "rate", to_decimal(self.rate, f"Fringe {self.code!r} rate"))
        if self.cutoff is not None:
            if self.kind == "flat":
                raise ValueError(f"Fringe {self.code!r} is flat and cannot have a cutoff")
            cutoff = to_decimal(self.cutoff, f"Fringe {self.code!r} cutoff")
            if cutoff < 0:
                raise ValueError(f"Fringe {self.code!r} cutoff must not be negative")
            object.__setattr__(self, "cutoff", cutoff)


@dataclass(frozen=True)
class Markup:
    """A percentage on the (lines + fringes) total of the named sections, e.g. contingency."""

    name: str
    percent: Decimal
    sections: frozenset[str]

    def __post_init__(self) -> None:
        _require_text(self.name, "Markup name")
        object.__setattr__(self, "percent", to_decimal(self.percent, f"Markup {self.name!r}"))
        sections = frozenset(self.sections)
        unknown = sections - set(SECTION_CODES)
        if unknown:
            raise ValueError(f"Markup {self.name!r} names unknown sections {sorted(unknown)}")
        object.__setattr__(self, "sections", sections)


@dataclass(frozen=True)
class Account:
    """A budget account (e.g. 1401 Principal Cast) and its detail lines; id is any unique key."""

    id: Key
    lines: tuple[LineInput, ...] = ()


@dataclass(frozen=True)
class Category:
    """A category (e.g. 1400 Cast) and its accounts; id is any unique key."""

    id: Key
    accounts: tuple[Account, ...] = ()


@dataclass(frozen=True)
class Section:
    """One of SECTION_CODES and its categories; a budget has each code at most once."""

    code: str
    categories: tuple[Category, ...] = ()

    def __post_init__(self) -> None:
        if self.code not in SECTION_CODES:
            raise ValueError(f"Section code must be one of {SECTION_CODES}, not {self.code!r}")


@dataclass(frozen=True)
class Totals:
    """Sum of rounded line totals (subtotal) and of rounded fringe amounts (fringes)."""

    subtotal: Decimal
    fringes: Decimal

    @property
    def total(self) -> Decimal:
        return money_sum((self.subtotal, self.fringes))


@dataclass(frozen=True)
class BudgetTotals:
    """Everything rollup computes; dicts are keyed by account id, category id, section code,
    fringe code and markup name. ``budget`` totals all sections, before markups."""

    accounts: dict[Key, Totals]
    categories: dict[Key, Totals]
    sections: dict[str, Totals]
    fringes_by_code: dict[str, Decimal]
    markups: dict[str, Decimal]
    budget: Totals

    @property
    def markup_total(self) -> Decimal:
        return money_sum(self.markups.values())

    @property
    def grand_total(self) -> Decimal:
        """Rounded lines + rounded fringe amounts + markups."""
        return money_sum((self.budget.total, self.markup_total))


def line_total(line: LineInput, currency: str) -> Decimal:
    """amount × x × rate × exchange_rate in the budget currency, rounded once."""
    return round_money(exact_product(line.amount, line.x, line.rate, line.exchange_rate), currency)


def fringe_amount(fringe: Fringe, line: LineInput, total: Decimal, currency: str) -> Decimal:
    """One fringe on one line whose (rounded) total is ``total``, rounded once."""
    if fringe.kind == "flat":
        return round_money(exact_product(fringe.rate, line.units), currency)
    base = total if fringe.cutoff is None else min(total, fringe.cutoff)
    return round_money(exact_product(base, fringe.rate, _PERCENT), currency)


def fringe_amounts(
    line: LineInput, line_total: Decimal, fringes_by_code: Mapping[str, Fringe], currency: str
) -> dict[str, Decimal]:
    """Rounded amount of each fringe the line lists, keyed by fringe code.

    Raises ValueError naming a code the line lists but fringes_by_code lacks.
    """
    amounts: dict[str, Decimal] = {}
    for code in line.fringe_codes:
        try:
            fringe = fringes_by_code[code]
        except KeyError:
            raise ValueError(f"Unknown fringe code {code!r}") from None
        amounts[code] = fringe_amount(fringe, line, to_decimal(line_total), currency)
    return amounts


def wage_fringes(
    wage: Decimal,
    fringes: Iterable[Fringe],
    currency: str,
    *,
    line: LineInput | None = None,
    line_total: Decimal | None = None,
) -> dict[str, Decimal]:
    """The fringes a budget line's rules put on a wage committed or paid outside the budget
    (a deal memo's wage): rounded amount per fringe code.

    A percent fringe is ``rate`` percent of the wage, up to its cutoff (the wage counts as one
    detail line). A flat fringe takes the same share of the wage as it takes of the budget line
    it comes from: ``rate × line units × wage ÷ line total``; without a line (or with a line
    whose total is zero) there is no quantity to count it by, and it adds nothing.
    """
    wage = to_decimal(wage, "wage")
    amounts: dict[str, Decimal] = {}
    for fringe in fringes:
        if fringe.kind == "flat":
            if line is None or not line_total:
                continue
            per_line = exact_product(fringe.rate, line.units, wage)
            amounts[fringe.code] = round_money(per_line / to_decimal(line_total), currency)
        else:
            amounts[fringe.code] = fringe_amount(fringe, LineInput(1, 1, wage), wage, currency)
    return amounts


def markup_amount(markup: Markup, sections: Mapping[str, Totals], currency: str) -> Decimal:
    """The markup on the totals of its sections (missing sections count as zero), rounded."""
    selected = (sections[code].total for code in sorted(markup.sections) if code in sections)
    base = money_sum(selected, round_money(0, currency))
    return round_money(exact_product(base, markup.percent, _PERCENT), currency)


def rollup(
    sections: Iterable[Section],
    fringes_by_code: Mapping[str, Fringe],
    markups: Iterable[Markup],
    currency: str,
) -> BudgetTotals:
    """Totals per account, category and section, per fringe code and per markup.

    Raises ValueError for a duplicate account id, category id, section code or markup name,
    or a line listing a fringe code that fringes_by_code lacks.
    """
    for code, fringe in fringes_by_code.items():
        if code != fringe.code:
            raise ValueError(f"Fringe {fringe.code!r} is filed under the code {code!r}")
    zero = round_money(0, currency)
    accounts: dict[Key, Totals] = {}
    categories: dict[Key, Totals] = {}
    section_totals: dict[str, Totals] = {}
    by_code: dict[str, list[Decimal]] = {code: [] for code in fringes_by_code}
    for section in sections:
        for category in section.categories:
            for account in category.accounts:
                totals = _account_totals(account, fringes_by_code, currency, by_code)
                _put(accounts, account.id, totals, "account id")
            totals = _add((accounts[account.id] for account in category.accounts), zero)
            _put(categories, category.id, totals, "category id")
        totals = _add((categories[category.id] for category in section.categories), zero)
        _put(section_totals, section.code, totals, "section code")
    return BudgetTotals(
        accounts=accounts,
        categories=categories,
        sections=section_totals,
        fringes_by_code={code: money_sum(amounts, zero) for code, amounts in by_code.items()},
        markups=_markups(markups, section_totals, currency),
        budget=_add(section_totals.values(), zero),
    )


def _account_totals(
    account: Account,
    fringes_by_code: Mapping[str, Fringe],
    currency: str,
    by_code: dict[str, list[Decimal]],
) -> Totals:
    line_totals: list[Decimal] = []
    fringe_totals: list[Decimal] = []
    for line in account.lines:
        total = line_total(line, currency)
        line_totals.append(total)
        for code, amount in fringe_amounts(line, total, fringes_by_code, currency).items():
            fringe_totals.append(amount)
            by_code[code].append(amount)
    zero = round_money(0, currency)
    return Totals(subtotal=money_sum(line_totals, zero), fringes=money_sum(fringe_totals, zero))


def _markups(
    markups: Iterable[Markup], sections: Mapping[str, Totals], currency: str
) -> dict[str, Decimal]:
    amounts: dict[str, Decimal] = {}
    for markup in markups:
        _put(amounts, markup.name, markup_amount(markup, sections, currency), "markup name")
    return amounts


def _add(totals: Iterable[Totals], zero: Decimal) -> Totals:
    items = list(totals)
    return Totals(
        subtotal=money_sum((item.subtotal for item in items), zero),
        fringes=money_sum((item.fringes for item in items), zero),
    )


def _put(mapping: dict[_K, _V], key: _K, value: _V, what: str) -> None:
    if key in mapping:
        raise ValueError(f"Duplicate {what} {key!r}")
    mapping[key] = value


def _require_text(value: object, what: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} must be a non-empty string")
