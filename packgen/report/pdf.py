"""WeasyPrint rendering: report HTML in, a tagged PDF (PDF/UA-1) out, never reaching the network.

WeasyPrint asks its URL fetcher for every stylesheet, image and font the HTML names. packgen's
fetcher (:func:`url_fetcher`, which the printed paper forms use too) serves two kinds of URL and
nothing else (:class:`AssetPolicy` decides):

- ``file:`` URLs of files inside the templates folders (the report's, or the paper form's): the
  stylesheet, an image the template names. A relative URL is looked for in the force's own folder
  first, then packgen's.
- ``packgen:NAME``: an image packgen made for this document (a chart, the config's logo).

Everything else is refused and recorded: ``file:`` anywhere else (after following ``..`` and
symbolic links), ``http``, ``https``, ``ftp``, ``data:`` and every other scheme. So neither an
attendee's text nor a template can make the build read a private file or reach the network.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

IMAGE_SCHEME = "packgen"
"""The scheme of images packgen made for the report: ``packgen:charts/trust.png``."""

PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF for accessibility: structure tree, language, title shown in the viewer."""


class FetchRefused(ValueError):
    """Raised (to WeasyPrint, which logs it and carries on) when a URL is not the report's own."""


@dataclass(frozen=True)
class Asset:
    """A file WeasyPrint may use: its bytes and media type."""

    data: bytes
    mime: str


@dataclass
class AssetPolicy:
    """What the report's PDF may fetch: files inside ``folders`` and packgen's own ``images``."""

    folders: list[Path]
    """The report templates folders, the force's own first."""
    images: Mapping[str, Asset] = field(default_factory=dict)
    """Images made for this report, by name (``charts/trust.png``)."""
    refused: list[str] = field(default_factory=list)
    """Every URL asked for and refused, in order."""

    def __post_init__(self) -> None:
        self.folders = [folder.resolve() for folder in self.folders]

    @property
    def base_url(self) -> str:
        """Return the URL relative links in the templates resolve against."""
        return self.folders[0].as_uri() + "/"

    def resolve(self, url: str) -> Asset:
        """Return the asset ``url`` names; raises :class:`FetchRefused`, and records the URL,
        for anything but a file in the templates folders or an image packgen made."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        asset = None
        if scheme == IMAGE_SCHEME:
            asset = self.images.get(unquote(parts.path))
        elif scheme == "file" and parts.netloc in ("", "localhost"):
            asset = self._template_file(Path(unquote(parts.path)))
        if asset is None:
            self.refused.append(url)
            raise FetchRefused(f"packgen uses only the templates' own files; refused {url!r}")
        return asset

    def _template_file(self, path: Path) -> Asset | None:
        relative = self._relative(path.resolve())
        if relative is None:
            return None
        for folder in self.folders:
            candidate = (folder / relative).resolve()  # a symbolic link must not lead outside
            if candidate.is_relative_to(folder) and candidate.is_file():
                mime = mimetypes.guess_type(candidate.name)[0] or "application/octet-stream"
                return Asset(candidate.read_bytes(), mime)
        return None

    def _relative(self, path: Path) -> Path | None:
        for folder in self.folders:
            if path.is_relative_to(folder):
                return path.relative_to(folder)
        return None


@dataclass
class RenderedPdf:
    """A rendered PDF and what WeasyPrint reported while making it."""

    data: bytes
    messages: list[str]
    """WeasyPrint's warnings and errors: a refused URL, a CSS rule it ignored, an image without alt."""


def render_pdf(html: str, policy: AssetPolicy) -> RenderedPdf:
    """Return ``html`` rendered as a tagged PDF (PDF/UA-1), fetching only what ``policy`` allows;
    the tag tree finished where WeasyPrint leaves it short (:mod:`packgen.report.pdf_tags`)."""
    from weasyprint import HTML  # heavy: only when a report is built

    from packgen.report.pdf_tags import finish_tags

    messages: list[str] = []
    with weasyprint_messages(messages):
        document = HTML(string=html, base_url=policy.base_url, url_fetcher=url_fetcher(policy))
        # No file identifier (/ID, optional in PDF 1.7 and PDF/UA-1): pydyf would write every object
        # a second time to make one, a twentieth of the report.
        data = document.write_pdf(pdf_variant=PDF_VARIANT, finisher=finish_tags)
    return RenderedPdf(data, messages)


def url_fetcher(policy: AssetPolicy):
    """Return a WeasyPrint URL fetcher that serves what ``policy`` allows and nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PolicyFetcher(URLFetcher):
        # WeasyPrint's own fetcher opens any URL (file, http, ftp, data); this one never does.
        def fetch(self, url, headers=None):
            asset = policy.resolve(url)
            return URLFetcherResponse(url, asset.data, {"Content-Type": asset.mime})

    return PolicyFetcher(allowed_protocols=("file", IMAGE_SCHEME), allow_redirects=False)


class _ListHandler(logging.Handler):
    def __init__(self, messages: list[str]):
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(_ENVIRONMENT_NOTICES):
            self.messages.append(message)


_ENVIRONMENT_NOTICES = ("Using fontTools instead of HarfBuzz-Subset",)
"""WeasyPrint's notes about the machine it runs on, not about the report: not passed on."""


class weasyprint_messages:
    """Collect what WeasyPrint logs (warnings and errors) into a list while rendering."""

    def __init__(self, messages: list[str]):
        self.handler = _ListHandler(messages)
        self.logger = logging.getLogger("weasyprint")

    def __enter__(self) -> None:
        self.logger.addHandler(self.handler)

    def __exit__(self, *exc) -> None:
        self.logger.removeHandler(self.handler)
