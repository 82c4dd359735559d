"""What a form carries for reading it back (packgen.render.docx.readback)."""

from __future__ import annotations

from io import BytesIO

import pytest

from tests.render.docx.form_helpers import render_bytes


def _custom_parts(data: bytes) -> tuple[dict[str, str], list[bytes]]:
    """Return the custom document properties and the blank-form records of a .docx."""
    import zipfile
    from lxml import etree

    with zipfile.ZipFile(BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("docProps/custom.xml"))
        properties = {p.get("name"): "".join(p.itertext()) for p in root}
        records = [archive.read(n) for n in archive.namelist()
                   if n.startswith("customXml/item") and b"urn:packgen:blank-form" in archive.read(n)]
    return properties, records


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_form_carries_its_stage_and_event_key(example_context, stage):
    properties, records = _custom_parts(render_bytes(example_context, stage))
    assert properties == {"packgen form": stage, "packgen event": "central-south-bcu-2022-02-25"}
    assert len(records) == 1


def test_a_template_made_from_a_packed_form_gets_one_fresh_record_and_keeps_its_own_properties(
        example_context, tmp_path):
    import zipfile

    template = tmp_path / "from-a-form.docx"
    older = render_bytes({**example_context, "title": "An older hub", "event_key": "old-2020-01-01"}, "post")
    with zipfile.ZipFile(BytesIO(older)) as source, zipfile.ZipFile(template, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "docProps/custom.xml":
                data = data.replace(b"</Properties>", b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"'
                                    b' pid="9" name="Department"><vt:lpwstr>Comms</vt:lpwstr></property></Properties>')
            target.writestr(name, data)
    properties, records = _custom_parts(render_bytes(example_context, "pre", template=template))
    assert properties == {"Department": "Comms", "packgen form": "pre", "packgen event": "central-south-bcu-2022-02-25"}
    assert len(records) == 1
