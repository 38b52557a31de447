"""Post (issue 20): the production's second half, after the last shoot day.

The post schedule, deliverables, screenings, festivals and distribution deals live in the
sub-packages of this app; this module imports their models so Django finds them.
"""

from apps.post.festivals.models import Festival, FestivalReminder  # noqa: F401
from apps.post.milestones.models import Milestone  # noqa: F401
