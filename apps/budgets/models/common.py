"""What the budget models share: how many places a quantity keeps."""

from __future__ import annotations

# Money columns are apps.core.money.MoneyField. Quantities, multipliers, the line rate (a unit
# price typed as a formula), percents and global values keep 6 decimal places: a formula's result
# (e.g. 1/3 week) is stored to 6 places and the line total is computed from the stored value.
QUANTITY = {"max_digits": 22, "decimal_places": 6}
