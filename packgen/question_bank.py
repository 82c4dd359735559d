"""The bank of standard survey questions, asked on the five-point agreement scale.

Their meaning follows two surveys a force's own figures come from, so a hub's before and after can
be read beside them: the confidence question of the Crime Survey for England and Wales (Office for
National Statistics) and the items of the Public Attitude Survey (Mayor's Office for Policing and
Crime and the Metropolitan Police). The wording printed is packgen's own, in plain English; each is
a statement attendees agree or disagree with, the same before and after the hub.

A config asks one by its id, ``{standard: confidence}``; :func:`expand` turns it into the question
the config would otherwise spell out. A bank question has the same id at every hub, so the
roll-up can compare hubs on it.
"""

from __future__ import annotations

from packgen.scales import AGREE_KEY

BANK: dict[str, str] = {
    "confidence": "All things considered, I have confidence in the police in this area.",
    "well_informed": "The police in this area keep people well informed about local policing.",
    "listen": "The police in this area listen to what worries local people.",
    "fair": "The police in this area treat everyone fairly, whoever they are.",
    "matters": "The police in this area deal with the things that matter to people here.",
    "relied_on": "I can rely on the police in this area to be there when they are needed.",
    "good_job": "The police in this area do a good job.",
}
"""The statement of each standard question, by its id, asked both before and after."""

SOURCES: dict[str, str] = {
    "confidence": "Crime Survey for England and Wales (Office for National Statistics): confidence in the local police",
    **{key: "Public Attitude Survey (Mayor's Office for Policing and Crime, Metropolitan Police)"
       for key in ("well_informed", "listen", "fair", "matters", "relied_on", "good_job")},
}
"""The survey whose question each standard question follows in meaning."""

STANDARD_KEY = "standard"
KEPT_KEYS = ("aliases", "labels")
"""What a config may add to a standard question: other headings of an online-form export, and
answer labels that export may use. Its id, wording and scale are the bank's."""


def question(key: str) -> dict[str, object]:
    """Return the config entry of the standard question ``key`` (one of :data:`BANK`)."""
    return {"id": key, "pre": BANK[key], "post": BANK[key], "scale": AGREE_KEY}


def expand(entry: object) -> tuple[object, str | None, str | None]:
    """Return (the config entry, the key of a problem, the problem) for one entry of
    ``evaluation.questions``: an entry ``{standard: id}`` becomes the bank's question, any other
    entry is returned unchanged. A problem names what was expected and what was found."""
    if not isinstance(entry, dict) or STANDARD_KEY not in entry:
        return entry, None, None
    key = entry[STANDARD_KEY]
    if not isinstance(key, str) or key not in BANK:
        found = f"'{key}'" if isinstance(key, str) else "no id" if key is None else "not an id"
        return None, STANDARD_KEY, (f"expected the id of a standard question ({', '.join(BANK)}), "
                                    f"found {found}")
    extra = [k for k in entry if k != STANDARD_KEY and k not in KEPT_KEYS]
    if extra:
        return None, extra[0], (f"a standard question takes its id, wording and scale from the bank;"
                                f" leave out '{extra[0]}' (only {' and '.join(KEPT_KEYS)} may be added)")
    return {**question(key), **{k: entry[k] for k in KEPT_KEYS if k in entry}}, None, None
