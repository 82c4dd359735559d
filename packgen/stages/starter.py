"""``packgen init``: a starter config an organiser can fill in (the bundled example, annotated)."""

from __future__ import annotations

import shutil
from pathlib import Path

from packgen.errors import OutputError, OverwriteRefused
from packgen.resources import example_folder

STARTER_FILES = ("hub.yaml", "invitees.csv", "logo.png")


def write_starter(folder: Path, force: bool = False) -> Path:
    """Write hub.yaml, with the invite list and logo it names, into ``folder``; return hub.yaml.

    An existing hub.yaml is kept unless ``force``; an existing invite list or logo is always kept.
    """
    target = folder / "hub.yaml"
    if target.exists() and not force:
        raise OverwriteRefused(f"{target} already exists; use --force to replace it")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in STARTER_FILES:
            if name == "hub.yaml" or not (folder / name).exists():
                shutil.copyfile(example_folder() / name, folder / name)
    except OSError as error:
        raise OutputError(f"{folder}: could not write the starter config ({error.strerror})") from None
    return target
