"""The OOXML element names the presentation engine walks with lxml, each looked up once.

The engine reads and writes slides' XML directly: python-pptx's shape proxies run an XPath query
per property, and those queries dominated the time a presentation took.
"""

from __future__ import annotations

from pptx.oxml.ns import qn

SHAPE, GROUP, FRAME = qn("p:sp"), qn("p:grpSp"), qn("p:graphicFrame")
TEXT_BODY, NAMES = qn("p:txBody"), qn("p:cNvPr")
PARAGRAPH, RUN, BREAK, FIELD, TEXT = qn("a:p"), qn("a:r"), qn("a:br"), qn("a:fld"), qn("a:t")
RUN_FORMAT, END_FORMAT, DEFAULT_FORMAT = qn("a:rPr"), qn("a:endParaRPr"), qn("a:defRPr")
EXTENT = f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}"
SPACE_BEFORE, SPACE_AFTER, SPACE_POINTS = qn("a:spcBef"), qn("a:spcAft"), qn("a:spcPts")
SHRINK, CELL_FORMAT = qn("a:normAutofit"), qn("a:tcPr")
TABLE, ROW, CELL, CELL_BODY = qn("a:tbl"), qn("a:tr"), qn("a:tc"), qn("a:txBody")
PLACEHOLDER = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
RELATIONSHIP_NAMESPACE = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
"""The namespace of the attributes (``r:id``, ``r:embed`` ...) that name a part's relationships."""
