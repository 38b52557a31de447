"""Signals that cross between sibling apps without either importing the other.

`shoot_days_changed` is sent by schedules whenever a production's count of shoot days changes;
budgets listens (registered in its own apps.py) and moves its SHOOT_DAYS global.
"""

from django.dispatch import Signal

# Sent with: production=<Production>, shoot_days=<int>
shoot_days_changed = Signal()
