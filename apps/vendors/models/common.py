"""What the vendors models share."""

# Money columns are apps.core.money.MoneyField; quantities keep 3 places (1.5 days, 0.25 t).
QUANTITY = {"max_digits": 12, "decimal_places": 3}
EXPIRY_WARNING_DAYS = 14
