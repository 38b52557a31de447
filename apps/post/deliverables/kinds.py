"""The deliverables templates: what each kind of delivery needs, item by item.

Each template is a complete list for its kind of delivery; the specification notes are the usual
ones and are meant to be edited to the agreement's schedule of deliverables. A key names each item
so tests (and people comparing two lists) can see that nothing was left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from apps.post.deliverables.models import Category, DeliveryKind


@dataclass(frozen=True)
class Template:
    key: str
    category: str
    name: str
    spec: str


C = Category

DCP = Template(
    "dcp", C.PICTURE, "DCP (Digital Cinema Package)",
    "SMPTE DCP, 2K or 4K flat/scope as graded; 5.1 (and 7.1 if mixed); unencrypted QC copy "
    "plus encrypted version with KDMs on request; lab QC report.",
)  # fmt: skip
IMF = Template(
    "imf", C.PICTURE, "IMF package",
    "IMF App 2E (or the platform's profile), UHD HDR and SDR versions; Dolby Vision metadata if "
    "graded; the platform's QC report passed.",
)  # fmt: skip
PICTURE_MASTER = Template(
    "picture_master", C.PICTURE, "Picture master",
    "ProRes 4444 XQ (or DPX/EXR sequence) of the final graded picture, textless version and "
    "textless backgrounds at the tail; frame rate and aspect ratio as shot.",
)  # fmt: skip
BROADCAST_MASTER = Template(
    "picture_master", C.PICTURE, "Broadcast picture master",
    "HD (or UHD) file to the broadcaster's technical specification, legal levels, PSE (flash) "
    "test passed, part breaks and clock as required; textless version.",
)  # fmt: skip
SCREENING_COPY = Template(
    "picture_master", C.PICTURE, "Screening copy",
    "ProRes 422 HQ or H.264 file for the selection committee, with burnt-in English subtitles "
    "where needed; a secure online link.",
)  # fmt: skip
M_AND_E = Template(
    "m_and_e", C.SOUND, "M&E (music and effects) tracks",
    "Fully filled M&E, 5.1 and stereo, with no dialogue; a QC report that it is complete.",
)  # fmt: skip
STEMS = Template(
    "stems", C.SOUND, "Sound stems",
    "Dialogue, music and effects stems, 5.1 and stereo, at 48 kHz / 24 bit, in sync with the "
    "picture master; the printmaster.",
)  # fmt: skip
CAPTIONS = Template(
    "captions", C.TEXT, "Closed captions (SDH)",
    "Captions for the deaf and hard of hearing in the delivery language, timed to the final "
    "picture (SCC, SRT or TTML as the recipient asks).",
)  # fmt: skip
SUBTITLES = Template(
    "subtitles", C.TEXT, "Subtitles",
    "Subtitles in the languages of the agreement, plus the English as-broadcast / dialogue list "
    "for translators.",
)  # fmt: skip
TRAILER = Template(
    "trailer", C.MARKETING, "Trailer",
    "Trailer as a DCP and a ProRes file with its stems and M&E; the MPA rating band where needed.",
)  # fmt: skip
STILLS = Template(
    "stills", C.MARKETING, "Production stills and key art",
    "At least 30 approved stills at 300 dpi with captions and approvals; the key art (layered).",
)  # fmt: skip
PRESS_KIT = Template(
    "press_kit", C.MARKETING, "Press kit",
    "Synopsis (short and long), director's statement, biographies, credits, stills.",
)  # fmt: skip
E_AND_O = Template(
    "e_and_o", C.LEGAL, "E&O insurance certificate",
    "Errors and omissions policy for at least the agreement's limits and term, naming the "
    "distributor as additional insured.",
)  # fmt: skip
CHAIN_OF_TITLE = Template(
    "chain_of_title", C.LEGAL, "Chain of title",
    "Copyright registrations, the writers' agreements and the option or purchase of the "
    "underlying rights, with a title report and a copyright report.",
)  # fmt: skip
CUE_SHEETS = Template(
    "cue_sheets", C.MUSIC, "Music cue sheets",
    "Every cue with title, composer, publisher, performing rights society, use and timing.",
)  # fmt: skip
MUSIC_LICENCES = Template(
    "music_licences", C.MUSIC, "Music licences",
    "Synchronisation and master use licences for every licensed cue, covering the agreement's "
    "media, territory and term; the composer's agreement.",
)  # fmt: skip
CLEARANCES = Template(
    "clearances", C.LEGAL, "Clearances and releases",
    "The script clearance report, and the talent, location, artwork and logo releases it calls "
    "for; archive footage licences.",
)  # fmt: skip
CREDITS = Template(
    "credits", C.CREDITS, "Credits",
    "Main and end titles as locked, the billing block, and the credit obligations of every "
    "agreement (paid ads included).",
)  # fmt: skip

TEMPLATES: dict[str, list[Template]] = {
    DeliveryKind.THEATRICAL: [
        DCP, PICTURE_MASTER, M_AND_E, STEMS, CAPTIONS, SUBTITLES, TRAILER, STILLS, E_AND_O,
        CHAIN_OF_TITLE, CUE_SHEETS, MUSIC_LICENCES, CLEARANCES, CREDITS,
    ],
    DeliveryKind.STREAMING: [
        IMF, PICTURE_MASTER, M_AND_E, STEMS, CAPTIONS, SUBTITLES, TRAILER, STILLS, E_AND_O,
        CHAIN_OF_TITLE, CUE_SHEETS, MUSIC_LICENCES, CLEARANCES, CREDITS,
    ],
    DeliveryKind.BROADCAST: [
        BROADCAST_MASTER, M_AND_E, STEMS, CAPTIONS, SUBTITLES, TRAILER, STILLS, E_AND_O,
        CHAIN_OF_TITLE, CUE_SHEETS, MUSIC_LICENCES, CLEARANCES, CREDITS,
    ],
    DeliveryKind.FESTIVAL: [
        DCP, SCREENING_COPY, SUBTITLES, TRAILER, STILLS, PRESS_KIT, CUE_SHEETS, MUSIC_LICENCES,
        CLEARANCES, CREDITS,
    ],
    DeliveryKind.BLANK: [],
}  # fmt: skip
