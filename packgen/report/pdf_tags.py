"""Finishing the PDF's tag tree where WeasyPrint leaves it short of PDF/UA, before it is written.

WeasyPrint 70 (the newest, December 2026) tags a report from its HTML but leaves three gaps a
screen reader trips on (WeasyPrint issues 1836 and 2508):

- table cells name their header cells by ``/ID`` in ``/Headers``, but the document has no
  ``/IDTree``, so none of those references resolves;
- header cells (``TH``) have no ``/Scope``;
- the running footer ("Page 9 of 15") is marked as content but left out of the tree, where PDF/UA
  wants page furniture marked as an artifact.

:func:`finish_tags` fills them from what the PDF itself holds: the scope of each header cell is
read from the cells that name it (a header named by cells of its own row is a row header, as
WeasyPrint reads ``scope="row"``; any other, a column header), and marked content that no element
of the tree owns becomes an artifact. A newer WeasyPrint that fixes any of these leaves nothing
here to do for it.

It is a WeasyPrint *finisher* (``write_pdf(finisher=...)``, WeasyPrint's public hook for changing a
PDF "right before the trailer is written"), so it works on the pydyf objects WeasyPrint is about
to write and the PDF is written once. (Opening the written PDF again with pikepdf and saving it
anew cost a twentieth of building a report.) What it reads of those objects, through pydyf's
public attributes:

- ``pdf.objects`` holds the objects by number, so a reference ``b"12 0 R"`` is ``pdf.objects[12]``;
- ``pdf.pages["Kids"]`` lists the pages as ``number, 0, "R"``;
- a content stream's ``stream`` list holds WeasyPrint's marked content as three items: the tag's
  name (``"/P"``), its properties (a ``Dictionary`` with the ``MCID``) and ``b"BDC"``.

``tests/report/test_pdf.py`` reads the written PDF back with pypdf, so a WeasyPrint or pydyf that
writes any of these differently fails there.
"""

from __future__ import annotations

from dataclasses import dataclass

import pydyf

PAGE_FURNITURE = {"Type": "/Pagination"}
"""What an artifact made of a running header or footer is marked as."""

NULL = b"null"
"""The PDF null object, as pydyf writes bytes: as they are."""


def finish_tags(document, pdf: pydyf.PDF) -> None:
    """Give the tagged PDF ``pdf`` an ID tree, a scope on every header cell and its page
    furniture marked as artifacts (a WeasyPrint finisher: ``document`` is not needed)."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    root = _resolve(pdf, pdf.catalog["StructTreeRoot"])
    tree = _tree(pdf, root)
    _add_id_tree(pdf, root, tree)
    _add_scopes(tree)
    _mark_furniture(pdf, root, {node.number for node in tree})


@dataclass
class _Node:
    element: pydyf.Dictionary
    number: int
    kind: str
    """The structure type: ``/TH``, ``/TD``, ``/TR``, ..."""
    parent: int | None


def _resolve(pdf: pydyf.PDF, value):
    """Return the object a reference (``b"12 0 R"``) names, and any other value as it is."""
    if isinstance(value, bytes) and value.endswith(b" R"):
        return pdf.objects[int(value.split(None, 1)[0])]
    return value


def _tree(pdf: pydyf.PDF, root: pydyf.Dictionary) -> list[_Node]:
    """Return every structure element reachable from the tree's root, parents first."""
    found: dict[int, _Node] = {}
    stack: list[tuple[object, int | None]] = [(root.get("K"), None)]
    while stack:
        node, parent = stack.pop()
        node = _resolve(pdf, node)
        if isinstance(node, list):
            stack.extend((kid, parent) for kid in reversed(node))
        elif isinstance(node, dict) and "S" in node and node.number not in found:
            found[node.number] = _Node(node, node.number, str(node["S"]), parent)
            stack.append((node.get("K"), node.number))
    return list(found.values())


def _add_id_tree(pdf: pydyf.PDF, root: pydyf.Dictionary, tree: list[_Node]) -> None:
    if "IDTree" in root:
        return
    with_id = {_text(node.element["ID"]): node.element for node in tree if "ID" in node.element}
    if not with_id:
        return
    # One leaf holding every name is a whole name tree. Its keys go in order; WeasyPrint's IDs are
    # ASCII ("12-0-3"), so their order as text is their order as bytes, as the format asks.
    names = pydyf.Array()
    for key in sorted(with_id):
        names += [pydyf.String(key), with_id[key].reference]
    ids = pydyf.Dictionary({"Names": names})
    pdf.add_object(ids)
    root["IDTree"] = ids.reference


def _add_scopes(tree: list[_Node]) -> None:
    rows_naming: dict[str, list[int | None]] = {}
    """Header cell ID → the row of each data cell that names it."""
    for node in tree:
        if node.kind == "/TD":
            attributes = node.element.get("A")
            if isinstance(attributes, dict) and "Headers" in attributes:
                for header in attributes["Headers"]:
                    rows_naming.setdefault(_text(header), []).append(node.parent)
    for node in tree:
        if node.kind != "/TH":
            continue
        attributes = node.element.get("A")
        if not isinstance(attributes, dict):
            attributes = node.element["A"] = pydyf.Dictionary({"O": "/Table"})
        if "Scope" in attributes:
            continue
        named_by = rows_naming.get(_text(node.element["ID"]), []) if "ID" in node.element else []
        in_row = {row == node.parent for row in named_by}
        attributes["Scope"] = "/Both" if in_row == {True, False} else "/Row" if in_row == {True} else "/Column"


def _text(value) -> str:
    """Return a PDF string (pydyf's ``String``, or text) as text."""
    return value.string if isinstance(value, pydyf.String) else str(value)


def _mark_furniture(pdf: pydyf.PDF, root: pydyf.Dictionary, in_tree: set[int]) -> None:
    """Make an artifact of every marked-content sequence whose element is not in the tree."""
    if "ParentTree" not in root:
        return
    numbers = _resolve(pdf, root["ParentTree"]).get("Nums", [])
    owners_by_key = dict(zip(numbers[::2], numbers[1::2]))
    for page_number in pdf.pages["Kids"][::3]:
        page = pdf.objects[page_number]
        owners = _resolve(pdf, owners_by_key.get(page.get("StructParents")))
        if not isinstance(owners, list):
            continue
        loose = {mcid for mcid, owner in enumerate(owners)
                 if isinstance(owner, bytes) and owner != NULL and _resolve(pdf, owner).number not in in_tree}
        if not loose:
            continue
        items = _resolve(pdf, page["Contents"]).stream
        for index in range(1, len(items) - 1):
            properties = items[index]
            if isinstance(properties, dict) and items[index + 1] == b"BDC" and properties.get("MCID") in loose:
                items[index - 1] = "/Artifact"
                items[index] = pydyf.Dictionary(PAGE_FURNITURE)
        for mcid in loose:
            owners[mcid] = NULL  # no element owns an artifact
