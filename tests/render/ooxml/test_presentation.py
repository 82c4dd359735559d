"""What packgen relies on in python-pptx's private names (packgen.render.ooxml.presentation).

Each test fails when a python-pptx release changes the behaviour one function depends on.
"""

from __future__ import annotations

from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.shapes.placeholder import LayoutPlaceholder
from pptx.util import Inches

from packgen.render.ooxml.presentation import part_element, shape_proxy, shape_tree


def one_slide():
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.add_textbox(Inches(1), Inches(1), Inches(2), Inches(1)).name = "Box"
    return presentation, slide


def test_shape_tree_is_the_element_listing_a_slides_shapes():
    _, slide = one_slide()

    tree = shape_tree(slide.shapes)

    assert tree.tag == qn("p:spTree")
    assert [shape.element for shape in slide.shapes] == list(tree.iter_shape_elms())


def test_shape_tree_of_a_group_is_the_group_element():
    _, slide = one_slide()
    group = slide.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(1), Inches(1), Inches(2), Inches(1))

    tree = shape_tree(group.shapes)

    assert tree is group.element and tree.tag == qn("p:grpSp")
    assert [shape.element for shape in group.shapes] == list(tree.iter_shape_elms())


def test_shape_proxy_is_the_shape_the_collection_itself_makes():
    _, slide = one_slide()
    element = list(shape_tree(slide.shapes).iter_shape_elms())[-1]

    shape = shape_proxy(slide.shapes, element)

    assert shape.element is element
    assert type(shape) is type(list(slide.shapes)[-1]) and shape.name == "Box"


def test_shape_proxy_on_a_layout_makes_a_layout_placeholder():
    presentation, _ = one_slide()
    layout = presentation.slide_layouts[1]
    element = next(shape_tree(layout.shapes).iter_shape_elms())

    shape = shape_proxy(layout.shapes, element)

    assert isinstance(shape, LayoutPlaceholder)
    assert (shape.width, shape.height) == (list(layout.shapes)[0].width, list(layout.shapes)[0].height)


def test_part_element_is_the_live_root_saved_with_the_part():
    _, slide = one_slide()

    root = part_element(slide.part)
    root.set("show", "0")

    assert root is slide.element and root.tag == qn("p:sld")
    assert b'show="0"' in slide.part.blob
