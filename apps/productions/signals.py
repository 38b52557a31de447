"""Signals that cross between sibling apps without either importing the other.

`shoot_days_changed` is sent by schedules whenever a production's count of shoot days changes;
budgets listens (connected in its apps.py) and moves the SHOOT_DAYS global of the versions that
chose to follow the schedule, telling the people who read the budget what moved.

`board_changed` is sent by schedules after any write that locked the board commits (a strip moved,
a day added or removed, a scenario applied): casting proposes new costs for its booked actors,
never applying them without a person's confirmation.

`shoot_days_asked` is how budgets asks for the count now (when a version starts following the
schedule): schedules answers it (connected in its apps.py) with the production's count.

`shoot_days_costed` is how schedules asks what the budget would cost with another count of shoot
days (comparing alternate boards): budgets answers for each version that follows the schedule.

`production_dates_changed` is sent when a production's prep, shoot or wrap dates change (its
settings): budgets moves PREP_WEEKS and WRAP_WEEKS of the versions that chose to follow them.

`production_restored` is sent at the end of a restore, inside its transaction: apps work out
again what they keep from other rows (budgets: its kept totals, for archives written before it
kept them).

`memo_spent` is how crew asks, when it commits a signed memo's cost again, how much of it is
already spent: payroll answers with what its approved timecards (and their adjustments) posted
for the memo, so the commitment stays relieved by it.

`crew_times_asked` is how payroll asks the signed daily reports' crew times for a set of people
and dates (to prefill timecards); `daily_report_signed` tells payroll a report was signed, so the
blank days of draft timecards on that date take its times.

`timecard_pay_asked` is how daily_reports asks payroll what timecards pay for a day: a draft
report's hot cost takes a submitted or approved timecard's pay as the person's actual, and the hot
cost summary shows the approved timecards' pay beside a signed day's frozen figure.

`engagement_released` is sent by crew once a release has committed the memo again: payroll
relieves the rest to zero when the released person's last timecard is already approved.

`memo_accepted` is sent by crew when a hire accepts their deal memo (`notify`: False for the
demo's made-up people): payroll sends the hire their start pack.

`crew_badges` is how the crew list asks other apps for a word on each hire: payroll answers with
the start pack's state when the member may see paperwork.

`member_joined` is sent when someone accepts an invitation: crew ties the directory's people at
the invited address to their account (ownership is an account link, never an equal e-mail).
"""

from django.dispatch import Signal

# Sent with: production=<Production>, shoot_days=<int>, reason=<str> (what changed, for people)
shoot_days_changed = Signal()

# Sent with: production=<Production>, user=<User or None: who changed it>, after the transaction
# that changed the board committed.
board_changed = Signal()

# Sent with: production=<Production>; the schedules receiver returns the count of shoot days.
shoot_days_asked = Signal()

# Sent with: production=<Production>, shoot_days=<int>; the budgets receiver returns a list of
# BudgetAtDays (apps/budgets/services/links.py): a version, its total now and at that count.
shoot_days_costed = Signal()

# Sent with: production=<Production> (already saved with its new dates), reason=<str>
production_dates_changed = Signal()

# Sent with: production=<Production> (just restored from an archive, transaction still open)
production_restored = Signal()

# Sent with: production=<Production>, user=<User>, email=<str>: the user accepted an invitation
# sent to `email` (proof they hold that address). Crew links the people at that address.
member_joined = Signal()

# Sent with: memo=<DealMemo>; the payroll receiver returns (amount, wage): what was posted as
# actuals for the memo (of which `wage` is pay, the part fringes apply to).
memo_spent = Signal()

# Sent by payroll with: production=<Production>, people=<list of (person id, department id)>,
# dates=<list of date>. The daily_reports receiver returns {(person id, date): {"call", "wrap",
# "meals": [(out, in), ...], "source": <words>}}: the times its *signed* reports give each person
# (absent people left out). Payroll prefills blank timecard days from them.
crew_times_asked = Signal()

# Sent by daily_reports when a report is signed off (inside its transaction), with:
# production=<Production>, date=<date>. Payroll prefills the blank days of draft timecards.
daily_report_signed = Signal()

# Sent by daily_reports with: production=<Production>, dates=<list of date>, approved_only=<bool>.
# The payroll receiver returns {(person id, date): {"amount": <Decimal>, "state": <str>,
# "week": <date>}}: the pay lines (not kit or mileage) of each person's timecard on that date,
# from timecards submitted or later (approved only, with `approved_only`).
timecard_pay_asked = Signal()

# Sent by crew with: engagement=<Engagement> (saved with its last day), inside the release's
# transaction, after the memo's commitment was recorded again.
engagement_released = Signal()

# Sent with: memo=<DealMemo> (just accepted, its engagement made), notify=<bool>
memo_accepted = Signal()

# Sent with: membership=<Membership>, engagements=<list of Engagement>; a receiver returns a dict
# {engagement id: (label, css class)} of badges to show beside each hire.
crew_badges = Signal()
