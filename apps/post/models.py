"""Post (issue 20): the production's second half, after the last shoot day.

The post schedule, deliverables, screenings, festivals and distribution deals live in the
sub-packages of this app; this module imports their models so Django finds them.
"""

from apps.post.deliverables import models as deliverables  # noqa: F401
from apps.post.distribution import models as distribution  # noqa: F401
from apps.post.festivals import models as festivals  # noqa: F401
from apps.post.milestones import models as milestones  # noqa: F401
from apps.post.screenings import models as screenings  # noqa: F401
