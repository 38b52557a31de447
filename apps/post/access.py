"""Who reaches the post pages (issue 20).

The office (producer, associate producer, production manager) and the coordinator and accountant
see post; a department head sees and runs it only when their department is Post (the post
supervisor is invited as the head of a department named "Post", "Post-production" ...). Heads of
other departments get 403. Distribution deals are the producer's and the AP's only (a capability
of its own, VIEW_DISTRIBUTION).
"""

from __future__ import annotations

from apps.productions.access import ProductionRequest, Reach, own_department

NOT_POST = "Post belongs to the post supervisor (the head of the Post department) and the office."


def is_post_department(name: str) -> bool:
    words = name.casefold().replace("-", " ").split()
    return bool(words) and words[0] in {"post", "postproduction"}


def post_scope(request: ProductionRequest, **kwargs) -> Reach:
    """A scope hook for every post page: heads of a department other than Post are refused."""
    if own_department(request.membership) is None:
        return Reach.WRITE
    department = request.membership.department
    if department is not None and is_post_department(department.name):
        return Reach.WRITE
    return Reach.REFUSED


post_scope.refusal = NOT_POST
# Read by the access matrix test: the hook refuses a head of another department every post page,
# whatever object the URL names.
post_scope.whole_app = True
