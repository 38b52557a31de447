"""Writes with rules for crew, by part of the job: the hiring board, deal memos and their link,
engagements and their money, and days (who is booked on which shoot day).

Each function is one action in a transaction and raises CrewError with a message for the page.
"""

from apps.crew.services.amendments import *  # noqa: F403
from apps.crew.services.board import *  # noqa: F403
from apps.crew.services.days import *  # noqa: F403
from apps.crew.services.engagements import *  # noqa: F403
from apps.crew.services.memos import *  # noqa: F403
from apps.crew.services.pay_rules import *  # noqa: F403
from apps.crew.services.people import *  # noqa: F403
from apps.crew.services.rules import *  # noqa: F403
from apps.crew.services.rules import CrewError  # noqa: F401
