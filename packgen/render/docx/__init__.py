"""The pre- and post-event forms: Word templates filled from the event.

Templates are docxtpl templates (``templates/docx/pre-event-form.docx`` and
``post-event-form.docx``): ``{{ name }}`` prints a value from :func:`packgen.context.build_context`,
plus ``logo``, the logo image or nothing. They are rendered in packgen's sandboxed, strict Jinja
environment with autoescaping, so every value is printed exactly as typed: ``& < >`` and quotes are
escaped for Word's XML, ``{{ 7*7 }}`` is printed and never evaluated, and a line break in a value
becomes a line break in Word (docxtpl turns ``\\n`` into ``<w:br/>``).

The answer-box contract
-----------------------
Every answer on a form is a Word content control (``w:sdt``) whose tag (``w:tag``) says what it
holds, so a form returned electronically can be read back
(:func:`packgen.results.forms.read_controls`):

=============================  ==========================  ===================================
Tag                            Kind                        Holds
=============================  ==========================  ===================================
``personal_code``              plain text                  the attendee's made-up code
``hopes``                      plain text (pre only)       what they hope the day will achieve
``takeaway_1`` .. ``_3``       plain text (post only)      three things they will take away
``next_steps``                 plain text (post only)      what should happen next
``comments``                   plain text                  any other comments
``contact_details``            plain text                  email or postal address (optional)
``{question id}={n}``          checkbox, n = 0..10         e.g. ``trust=7``: a score of 7
``sector={sector}``            checkbox                    e.g. ``sector=Resident``
``consent``                    checkbox                    yes, send "You said, we did"
=============================  ==========================  ===================================

Checkboxes are Word 2010 checkbox controls (``w14:checkbox``, shown as ☐ and ☒); an unfilled text
control shows placeholder text (``w:showingPlcHdr``) and reads back as ``""``.

Every control also has a title (``w:alias``) that names its answer by itself
(:func:`packgen.wording.control_key`): ``Question 1 (trust): 7 out of 10``, ``Sector: Resident``,
``Your personal code``. LibreOffice 7.4 drops every tag when it saves a file and keeps the titles,
putting a tick box's title on a control around its cell or paragraph. A form rendered from a
template saved there gets its tags back from the titles, so it packs as the original does.

Each form carries its stage and its event's key (:attr:`packgen.model.Event.key`) in two custom
document properties, ``packgen form`` and ``packgen event``, which Word and LibreOffice keep when
they save: a returned form of the wrong stage or of another hub is reported, not counted. It also
carries the text of its body outside the answer boxes, as printed, in a custom XML part (namespace
``urn:packgen:blank-form``; both offices keep it): text found there on a returned form and not in
that record was typed outside the boxes.

Colour: every use of the templates' default primary colour (#1D3557) is turned into the event's
``colours.primary`` when that colour has a contrast of at least 4.5:1 with white; otherwise, or
when an organiser has changed the colours in Word, the template's own colours stay.

The renderer's parts: :mod:`~packgen.render.docx.filling` fills a form,
:mod:`~packgen.render.docx.answer_boxes` numbers and re-tags the answer boxes,
:mod:`~packgen.render.docx.readback` writes what a returned form is read back by,
:mod:`~packgen.render.docx.colours` and :mod:`~packgen.render.docx.logo` style it, and
:mod:`~packgen.render.docx.checking` checks a template. What python-docx and docxtpl offer no
public API for is done in :mod:`packgen.render.ooxml.document`.
"""

from packgen.render.docx.checking import check_template, missing_answer_boxes
from packgen.render.docx.colours import TEMPLATE_PRIMARY, contrast_with_white
from packgen.render.docx.filling import STAGE_NAMES, render_form
from packgen.render.docx.logo import LOGO_HEIGHT_MM, LOGO_MAX_WIDTH_MM
from packgen.render.docx.readback import outside_text

__all__ = ["LOGO_HEIGHT_MM", "LOGO_MAX_WIDTH_MM", "STAGE_NAMES", "TEMPLATE_PRIMARY", "check_template",
           "contrast_with_white", "missing_answer_boxes", "outside_text", "render_form"]
