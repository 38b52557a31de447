"""Signals that cross between sibling apps without either importing the other.

`shoot_days_changed` is sent by schedules whenever a production's count of shoot days changes;
budgets listens (connected in its apps.py) and moves the SHOOT_DAYS global of the versions that
chose to follow the schedule, telling the people who read the budget what moved.

`shoot_days_asked` is how budgets asks for the count now (when a version starts following the
schedule): schedules answers it (connected in its apps.py) with the production's count.

`production_dates_changed` is sent when a production's prep, shoot or wrap dates change (its
settings): budgets moves PREP_WEEKS and WRAP_WEEKS of the versions that chose to follow them.
"""

from django.dispatch import Signal

# Sent with: production=<Production>, shoot_days=<int>, reason=<str> (what changed, for people)
shoot_days_changed = Signal()

# Sent with: production=<Production>; the schedules receiver returns the count of shoot days.
shoot_days_asked = Signal()

# Sent with: production=<Production> (already saved with its new dates), reason=<str>
production_dates_changed = Signal()
