"""Images the organiser gives packgen (the logo), checked the same way wherever one is opened.

The config check, the Word and PowerPoint renderers and the reports all ask here, so a library
caller or a template reaching a renderer with a damaged image gets the message the config check
gives, not the traceback of whichever library opened it first.
"""

from __future__ import annotations

from pathlib import Path
from warnings import catch_warnings, simplefilter

from packgen.errors import InputFileError

_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"))


def logo_problem(logo: Path) -> str | None:
    """Return what is wrong with the logo file, or None for a PNG or JPEG image that decodes in
    full: a file that only starts like one would stop the documents being built."""
    if not logo.is_file():
        return f"the logo file {logo} does not exist"
    try:
        with logo.open("rb") as image:
            head = image.read(8)
    except OSError as error:
        return f"the logo file {logo} cannot be opened ({error.strerror})"
    kind = next((name for signature, name in _SIGNATURES if head.startswith(signature)), None)
    if kind is None:
        return f"the logo file {logo} is not a PNG or JPEG image"
    from PIL import Image, ImageFile  # heavy: only when there is a logo

    # WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES on import, which lets a cut-short
    # or undecodable image load without complaint; the check must hold in a process that has built
    # a report already (demo, batch --reports), so it is switched off while the logo is read.
    truncated, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with catch_warnings():
            simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(logo, formats=[kind]) as image:
                image.verify()  # every chunk and its checksum
            with Image.open(logo, formats=[kind]) as image:  # verify leaves the image unusable
                image.load()  # every pixel
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return f"the logo file {logo} has too many pixels for a logo (save a smaller copy)"
    except Exception:  # Pillow raises many kinds for a damaged file (OSError, SyntaxError, zlib.error...)
        return (f"the logo file {logo} is damaged: it starts as a {kind} image but cannot be read"
                " (export it again from your image editor)")
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated
    return None


def check_logo(logo: Path) -> None:
    """Raise :class:`InputFileError`, one line naming the file, unless the logo is a sound PNG or
    JPEG image (see :func:`logo_problem`)."""
    problem = logo_problem(logo)
    if problem:
        raise InputFileError(problem)
