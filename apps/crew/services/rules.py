"""What crew services refuse with, in words people read, and the error they raise."""

from __future__ import annotations

from apps.core.errors import DomainError

HIRED_NEEDS_ACCEPTED_MEMO = (
    "A candidate is hired when they accept their deal memo: send them one from the offer stage."
)
STAGE_UNKNOWN = "That is not a stage of the board."
MEMO_NOT_EDITABLE = "A void deal memo cannot be changed: make a new one."
MEMO_NOT_SENDABLE = "Only a draft or sent deal memo can be sent."
MEMO_NO_EMAIL = "{person} has no e-mail address to send the memo to."
MEMO_ALREADY_OPEN = "{person} already has a deal memo for {position} in progress."
MEMO_NOT_ACCEPTED = "Only an accepted deal memo can be countersigned."
MEMO_ALREADY_VOID = "This deal memo is already void."
MEMO_HAS_TIMECARDS = (
    "{person} has timecards under this memo: release the hire (their last day) instead of "
    "voiding it."
)
LINK_INVALID = "This deal memo link is not valid. Ask the production office for a new one."
LINK_EXPIRED = "This deal memo link has expired. Ask the production office to send it again."
LINK_USED = "This deal memo has already been answered."
NAME_MISMATCH = "Type your name exactly as it appears on the memo ({name}) to accept."
RELEASE_BEFORE_START = "The last day cannot be before the start ({start})."
RELEASE_AFTER_END = "The last day cannot be after the contracted end ({end})."
ALREADY_RELEASED = "{person} was already released."
NO_ACCOUNT = "The position {position} has no budget account: set one, then commit the memo again."
MEMO_NOT_SIGNED = "Only a signed deal memo commits money to the budget."
CANDIDATE_EXISTS = "{person} is already a candidate for this opening."


MEMO_SIGNED = (
    "This deal memo is signed: its terms change only by an amendment the hire accepts. "
    "Draft an amendment instead."
)


def same_name(typed: str, name: str) -> bool:
    """Whether a typed name is the name on the memo (spacing and case aside)."""
    return " ".join(typed.split()).casefold() == " ".join(name.split()).casefold()


class CrewError(DomainError):
    """A crew or hiring rule refused the action."""
