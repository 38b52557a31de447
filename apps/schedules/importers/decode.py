"""Turn the bytes of an uploaded text script into a string.

Scripts arrive from Windows, macOS and Linux editors, so the byte-order mark,
the encoding and the line endings all vary; the parsers only ever see LF.
"""

import codecs

from .model import ScriptImportError

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_text(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` with line endings normalised to LF.

    UTF-8 (with or without BOM) is tried first; a file that is not valid
    UTF-8 is read as Windows-1252 and, failing that, Latin-1, which accepts
    any byte. UTF-16 is honoured only when it carries a BOM, as Notepad writes.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise ScriptImportError(
                "This file says it is UTF-16 but its text is cut short or damaged. "
                "Export it again from your screenwriting program."
            ) from error
    else:
        if b"\x00" in data:
            raise ScriptImportError(
                "This file looks like a binary file, not a script. "
                "Export it from your screenwriting program as Fountain (.fountain) "
                "or Final Draft (.fdx)."
            )
        text, encoding = _decode_8bit(data)
    if "\x00" in text:
        raise ScriptImportError("This file contains binary data and cannot be read as a script.")
    return normalise_newlines(text), encoding


def _decode_8bit(data: bytes) -> tuple[str, str]:
    """Try UTF-8, then Windows-1252; Latin-1 is the last resort because it never fails."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def normalise_newlines(text: str) -> str:
    """Convert CRLF and lone CR line endings to LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
