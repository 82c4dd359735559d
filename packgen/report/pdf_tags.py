"""Finishing the PDF's tag tree where WeasyPrint leaves it short of PDF/UA, with pikepdf.

WeasyPrint 70 (the newest, December 2026) tags a report from its HTML but leaves three gaps a
screen reader trips on (WeasyPrint issues 1836 and 2508):

- table cells name their header cells by ``/ID`` in ``/Headers``, but the document has no
  ``/IDTree``, so none of those references resolves;
- header cells (``TH``) have no ``/Scope``;
- the running footer ("Page 9 of 15") is marked as content but left out of the tree, where PDF/UA
  wants page furniture marked as an artifact.

:func:`finish_tags` fills them from what the PDF itself holds, through pikepdf's public API only:
the scope of each header cell is read from the cells that name it (a header named by cells of its
own row is a row header, as WeasyPrint reads ``scope="row"``; any other, a column header), and
marked content that no element of the tree owns becomes an artifact. A newer WeasyPrint that
fixes any of these leaves nothing here to do for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

import pikepdf
from pikepdf import Array, Dictionary, Name

PAGE_FURNITURE = Dictionary(Type=Name.Pagination)
"""What an artifact made of a running header or footer is marked as."""


def finish_tags(data: bytes) -> bytes:
    """Return the tagged PDF ``data`` with an ID tree, a scope on every header cell and the page
    furniture marked as artifacts."""
    with pikepdf.open(BytesIO(data)) as pdf:
        root = pdf.Root.StructTreeRoot
        tree = _tree(root)
        _add_id_tree(pdf, root, tree)
        _add_scopes(tree)
        _mark_furniture(pdf, root, {node.objgen for node in tree})
        out = BytesIO()
        # The same input gives the same bytes (deterministic_id); the XMP metadata, which carries
        # the PDF/UA claim, is left exactly as WeasyPrint wrote it.
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()


@dataclass
class _Node:
    element: Dictionary
    objgen: tuple[int, int]
    kind: str
    """The structure type: ``/TH``, ``/TD``, ``/TR``, ..."""
    parent: tuple[int, int] | None


def _tree(root: Dictionary) -> list[_Node]:
    """Return every structure element reachable from the tree's root, parents first."""
    found: dict[tuple[int, int], _Node] = {}
    stack: list[tuple[object, tuple[int, int] | None]] = [(root.get("/K"), None)]
    while stack:
        node, parent = stack.pop()
        if isinstance(node, Array):
            stack.extend((kid, parent) for kid in reversed(list(node)))
        elif isinstance(node, Dictionary) and "/S" in node and node.objgen not in found:
            found[node.objgen] = _Node(node, node.objgen, str(node.S), parent)
            stack.append((node.get("/K"), node.objgen))
    return list(found.values())


def _add_id_tree(pdf: pikepdf.Pdf, root: Dictionary, tree: list[_Node]) -> None:
    if "/IDTree" in root:
        return
    with_id = [node.element for node in tree if "/ID" in node.element]
    if not with_id:
        return
    ids = pikepdf.NameTree.new(pdf)
    for element in with_id:
        ids[str(element.ID)] = element
    root.IDTree = ids.obj


def _add_scopes(tree: list[_Node]) -> None:
    rows_naming: dict[str, list[tuple[int, int] | None]] = {}
    """Header cell ID → the row of each data cell that names it."""
    for node in tree:
        if node.kind == "/TD":
            attributes = node.element.get("/A")
            if isinstance(attributes, Dictionary) and "/Headers" in attributes:
                for header in attributes.Headers:
                    rows_naming.setdefault(str(header), []).append(node.parent)
    for node in tree:
        if node.kind != "/TH":
            continue
        attributes = node.element.get("/A")
        if not isinstance(attributes, Dictionary):
            attributes = node.element.A = Dictionary(O=Name.Table)
        if "/Scope" in attributes:
            continue
        in_row = {row == node.parent for row in rows_naming.get(str(node.element.get("/ID", "")), [])}
        attributes.Scope = Name.Both if in_row == {True, False} else Name.Row if in_row == {True} else Name.Column


def _mark_furniture(pdf: pikepdf.Pdf, root: Dictionary, in_tree: set[tuple[int, int]]) -> None:
    """Make an artifact of every marked-content sequence whose element is not in the tree."""
    if "/ParentTree" not in root:
        return
    parents = pikepdf.NumberTree(root.ParentTree)
    begin = pikepdf.Operator("BDC")
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        owners = parents.get(int(key)) if key is not None else None
        if not isinstance(owners, Array):
            continue
        loose = {mcid for mcid, owner in enumerate(owners)
                 if isinstance(owner, Dictionary) and owner.objgen not in in_tree}
        if not loose:
            continue
        instructions = pikepdf.parse_content_stream(page)
        for index, instruction in enumerate(instructions):
            if instruction.operator != begin:  # (attribute access: unpacking is 5 times slower)
                continue
            operands = instruction.operands
            if len(operands) == 2 and isinstance(operands[1], Dictionary) and operands[1].get("/MCID") in loose:
                instructions[index] = pikepdf.ContentStreamInstruction([Name.Artifact, PAGE_FURNITURE], begin)
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
        for mcid in loose:
            owners[mcid] = None  # no element owns an artifact
