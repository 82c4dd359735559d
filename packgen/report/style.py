"""Colours the reports may use: the force's brand colour only where it stays readable.

WCAG 2.1 asks for a contrast of 4.5:1 for text and 3:1 for graphics against their background.
The ratio is WCAG's own formula (relative luminance of sRGB), a few lines written out here rather
than a dependency taken on for it.
"""

from __future__ import annotations

TEXT = "#0B0C0C"
"""Body text: near black (19.8:1 on white)."""
WHITE = "#FFFFFF"
TEXT_CONTRAST = 4.5
GRAPHIC_CONTRAST = 3.0


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def brand_colour(primary: str, minimum: float = TEXT_CONTRAST) -> str:
    """Return ``primary`` when it reaches ``minimum`` contrast on white (and white on it), else
    near black."""
    return primary if contrast_ratio(primary, WHITE) >= minimum else TEXT
