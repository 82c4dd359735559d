"""Make the synthetic sample results of the bundled example hub (config/example/results/).

Every source packgen reads is represented, so the demo and the tests exercise them all:

- ``pre-microsoft-forms.xlsx``   pre-event forms filled in online (Microsoft Forms layout);
- ``post-google-forms.csv``      post-event forms filled in online (Google Forms layout);
- ``planning.xlsx``              the example's planning workbook with paper forms typed into the
                                 capture sheets, the note takers' notes and the actions;
- ``returned/*.docx``            two post-event forms filled in on screen and emailed back;
- ``planning-update.xlsx``       the same workbook some months on, its Actions sheet brought up to
                                 date (for ``packgen update``, the second "You said, we did").

The people are invented; the shares of high scores follow the seed's worked example (trust 19% to
34%, awareness 29% to 54%, heard 44% to 85%, joining 52% to 62%, coming again 33%, recommending
70%). A few deliberate slips (a score of 11, "seven", a blank row, a repeated code) show how
packgen reports them. Run it again after changing the example: ``python tools/make_sample_results.py``.
"""

from __future__ import annotations

import csv
import io
import random
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from packgen.config import load_config  # noqa: E402
from packgen.context import build_context  # noqa: E402
from packgen.output import reproducible  # noqa: E402
from packgen.render.docx import render_form  # noqa: E402
from packgen.render.ooxml.workbook import set_style, style_of  # noqa: E402
from packgen.render.xlsx import render_planning  # noqa: E402
from packgen.resources import template_path  # noqa: E402
from packgen.wording import WHOLE_ROOM  # noqa: E402

OUT = ROOT / "config" / "example" / "results"
SHARES = {  # question id: (share scoring 8+ before, after)
    "trust": (0.19, 0.34), "awareness": (0.29, 0.54), "heard": (0.44, 0.85), "join": (0.52, 0.62),
    "return": (None, 0.33), "recommend": (None, 0.70),
}
SECTORS = ["Resident"] * 8 + ["Young person (under 25)"] * 4 + ["Victim or survivor of crime"] * 2 + [
    "Business", "Business", "Charity or voluntary group", "Charity or voluntary group",
    "Charity or voluntary group", "School, college or university", "Health", "Council", "Probation",
    "Police", "Police", "Other"]
HOPES = [
    "That the police actually listen this time.",
    "To understand how the panels work and who sits on them.",
    "A plan with dates, not just talk.",
    "To meet people from the council and the police I can follow up with.",
    "Honest answers about stop and search.",
]
TAKEAWAYS = [
    "The panels are open to anyone who lives in the borough.",
    "Meetings could move to community venues.",
    "Young people want to be asked, not told.",
    "Ward panels need more Black members.",
    "There is money for training new members.",
    "Feedback after meetings matters as much as the meetings.",
]
NEXT_STEPS = [
    "Hold the next panel meeting in a community centre, in the evening.",
    "Publish who sits on each panel and how to join.",
    "Come back in three months and tell us what changed.",
    "Pay travel costs so people can take part.",
]
NOTES = {
    1: ["People do not know the panels exist: they are advertised only on the police website.",
        "Meetings are held in police stations in working hours; many feel uneasy going in.",
        "Past experience of stop and search makes people doubt their views will change anything.",
        "Young people say they are talked about, not talked to."],
    2: ["Hold panel meetings in community venues, in the evenings, with food.",
        "A buddy scheme: an existing member brings a new member for their first three meetings.",
        "Advertise through barbers, churches, mosques and youth clubs, not only online.",
        "Pay travel and childcare so taking part costs nothing."],
    3: ["Top three: community venues; a buddy scheme; a published 'you said, we did' after every meeting.",
        "Top three: recruit through faith groups; training for new members; a youth seat on every panel.",
        "Tell others the panels exist; come to one panel meeting; hold the police to the plan."],
}
ACTIONS = [
    ("Meetings in police stations put people off.",
     "From May the ward panel meets at the Brixton community centre on Tuesday evenings.",
     "Neighbourhood inspector", "Done", date(2022, 4, 5)),
    ("Nobody knows the panels exist.",
     "Posters and leaflets are going to barbers, faith groups and youth clubs across the borough.",
     "Engagement officer", "In progress", date(2022, 5, 31)),
    ("New members need support to start.",
     "A buddy scheme pairs each new member with an existing one for three meetings.",
     "Panel chair", "In progress", date(2022, 6, 30)),
    ("Pay people's costs so anyone can take part.",
     "Travel costs are now paid; childcare costs need council funding, which we have asked for.",
     "BCU commander", "Planned", date(2022, 7, 31)),
    ("Give young people a seat on every panel.",
     "Two youth seats are open on each panel, recruited through the Youth Forum.",
     "Youth engagement officer", "Planned", date(2022, 9, 30)),
    ("Stop using police stations altogether.",
     "We are not doing this for the scrutiny panel: it reviews body-worn video, which must stay on police"
     " premises. Every other meeting moves out.",
     "BCU commander", "Not doing", None),
]


def score(rng: random.Random, high: bool) -> int:
    return rng.choice([8, 9, 10]) if high else rng.choice([2, 3, 4, 5, 5, 6, 6, 7, 7])


def make_people(rng: random.Random, count: int) -> list[dict]:
    people = []
    for number in range(count):
        code = f"{rng.choice('ABCDEFGHJKLMNPRSTW')}{rng.randint(10, 99)}{rng.randint(1, 99)}"
        person = {"code": code, "sector": SECTORS[number % len(SECTORS)], "pre": {}, "post": {}}
        for question, (before, after) in SHARES.items():
            if before is None:
                person["post"][question] = score(rng, rng.random() < after)
                continue
            was_high = rng.random() < before
            person["pre"][question] = score(rng, was_high)
            lift = (after - before) / (1 - before)
            if was_high or rng.random() < lift:
                person["post"][question] = max(person["pre"][question], score(rng, True))
            else:
                person["post"][question] = min(7, person["pre"][question] + rng.choice([0, 0, 1, 1, 2]))
        people.append(person)
    return people


def main() -> None:
    rng = random.Random(25022022)
    loaded = load_config(ROOT / "config" / "example" / "hub.yaml")
    event = loaded.event
    questions = {q.id: q for q in event.evaluation.questions}
    people = make_people(rng, 27)
    online_pre, paper_pre = people[:18], people[18:26]  # one person filled in no pre form
    # people[22] typed in on paper and also emailed a form back: a repeated code, reported.
    online_post, paper_post, returned = people[2:17], people[17:23] + people[26:27], people[22:24]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "returned").mkdir(exist_ok=True)
    write_microsoft_forms(OUT / "pre-microsoft-forms.xlsx", online_pre, questions, rng)
    write_google_forms(OUT / "post-google-forms.csv", online_post, questions, rng)
    write_planning(OUT / "planning.xlsx", event, paper_pre, paper_post)
    write_planning_update(OUT / "planning.xlsx", OUT / "planning-update.xlsx")
    for index, person in enumerate(returned, start=1):
        write_returned_form(OUT / "returned" / f"returned-form-{index}.docx", event, person)
    for path in [*OUT.glob("*.xlsx"), *OUT.glob("returned/*.docx")]:
        path.write_bytes(reproducible(path.read_bytes()))  # the same script gives the same files
    print(f"wrote the sample results into {OUT.relative_to(ROOT)}")
    write_batch_results()


BATCH = ROOT / "config" / "batch-example"
BATCH_WITH_RESULTS = {"central-south": 0, "east": 1, "north": 2, "west": 3}
"""Events of the example batch given results, each with its own seed so their figures differ."""


def write_batch_results() -> None:
    """Give four BCUs of the example batch results: the sample forms, re-scored a little."""
    import os

    from packgen.results import Sources, ingest

    os.chdir(ROOT)  # paths inside the results files stay relative to the repository
    samples = OUT.relative_to(ROOT)
    planning = samples / "planning.xlsx"
    sources = Sources(pre=[samples / "pre-microsoft-forms.xlsx", planning],
                      post=[samples / "post-google-forms.csv", planning, samples / "returned"],
                      workbook=planning)
    example = load_config(ROOT / "config" / "example" / "hub.yaml")
    for name, seed in BATCH_WITH_RESULTS.items():
        loaded = load_config(BATCH / f"{name}.yaml", defaults=BATCH / "defaults.yaml")
        # The sample forms are the example hub's, and the returned ones say so: read them as the
        # example's, then name the hub as it is.
        dataset = ingest(example, sources)
        dataset.event = ingest(loaded, Sources(workbook=planning)).event
        rng = random.Random(seed)
        for response in dataset.pre + dataset.post:
            for question, value in response.scores.items():
                response.scores[question] = min(10, max(0, value + rng.choice([-1, 0, 0, 1]) * (seed > 0)))
        keep = len(dataset.pre) - seed  # hubs differ in size too
        dataset.pre = dataset.pre[:keep]
        (BATCH / f"{name}.results.json").write_text(dataset.to_json(), encoding="utf-8")
    print(f"wrote results for {len(BATCH_WITH_RESULTS)} events of {BATCH.relative_to(ROOT)}")


def write_microsoft_forms(path: Path, people: list[dict], questions: dict, rng: random.Random) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Form1"
    order = ["join", "trust", "heard", "awareness"]  # exports do not keep the form's order
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", "Your personal code",
                  *[questions[q].pre for q in order], "Which of these best describes you? Tick one box.",
                  "What do you hope today will achieve?"])
    start = datetime(2022, 2, 25, 9, 31)
    for number, person in enumerate(people, start=1):
        began = start + timedelta(minutes=number)
        answers = [person["pre"][q] for q in order]
        if number == 5:
            answers[2] = f"{answers[2]} - {'High' if answers[2] > 7 else 'Low'}"  # a labelled answer
        sheet.append([number, began, began + timedelta(minutes=4), "anonymous", "", person["code"], *answers,
                      person["sector"], HOPES[number % len(HOPES)] if number % 3 == 0 else None])
    workbook.save(path)


def write_google_forms(path: Path, people: list[dict], questions: dict, rng: random.Random) -> None:
    order = ["trust", "awareness", "heard", "join", "return", "recommend"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Timestamp", "Email Address", "Your personal code",
                         "Which of these best describes you? Tick one box.",
                         *[questions[q].post for q in order], "What should happen next?"])
        for number, person in enumerate(people, start=1):
            answers = [str(person["post"][q]) for q in order]
            if number == 7:
                answers[5] = "seven"  # cannot be read as a score: reported, not guessed
            code = person["code"].lower() if number == 3 else person["code"]  # case does not matter
            writer.writerow([f"25/02/2022 15:{number + 5:02d}:12", "", code, person["sector"], *answers,
                             NEXT_STEPS[number % len(NEXT_STEPS)] if number % 2 else ""])


def write_planning(path: Path, event, paper_pre: list[dict], paper_post: list[dict]) -> None:
    context = build_context(event)
    workbook = openpyxl.load_workbook(io.BytesIO(render_planning(event, context, template_path("planning"))))
    pre = workbook["Pre responses"]
    for offset, person in enumerate(paper_pre):
        row = 4 + offset + (1 if offset >= 4 else 0)  # a blank row left by the typist
        values = [person["code"], person["sector"], *[person["pre"][q] for q in ("trust", "awareness", "heard", "join")],
                  HOPES[offset % len(HOPES)], "", "Yes" if offset % 2 else "No"]
        if offset == 6:
            values[2] = 11  # a typing slip: out of range, reported
        for column, value in enumerate(values, start=1):
            pre.cell(row=row, column=column, value=value)
    post = workbook["Post responses"]
    for offset, person in enumerate(paper_post):
        scores = [person["post"][q] for q in ("trust", "awareness", "heard", "join", "return", "recommend")]
        takeaways = [TAKEAWAYS[(offset + k) % len(TAKEAWAYS)] for k in range(3)]
        values = [person["code"], person["sector"], *scores, *takeaways, NEXT_STEPS[offset % len(NEXT_STEPS)], "",
                  "Yes" if offset % 3 else "No"]
        for column, value in enumerate(values, start=1):
            post.cell(row=4 + offset, column=column, value=value)
    notes = workbook["Session notes"]
    row = 4
    for session, texts in NOTES.items():
        for index, text in enumerate(texts):
            table = WHOLE_ROOM if session == 3 and index == len(texts) - 1 else f"Table {index % 5 + 1}"
            for column, value in enumerate([table, session, text], start=1):
                notes.cell(row=row, column=column, value=value)
            row += 1
    invitations = workbook["Invitations"]
    replies = ["Attended"] * 27 + ["Declined", "Declined", "No reply"]
    for offset, reply in enumerate(replies):
        invitations.cell(row=4 + offset, column=6, value=reply)
    budget = workbook["Budget"]
    for row_number, actual in zip(range(4, 9), [0, 1640.50, 1925, 312.80, 286.40]):
        budget.cell(row=row_number, column=3, value=actual)
    actions = workbook["Actions"]
    for offset, action in enumerate(ACTIONS):
        for column, value in enumerate(action, start=1):
            actions.cell(row=4 + offset, column=column, value=value)
        if action[4]:
            actions.cell(row=4 + offset, column=5).number_format = "dd/mm/yyyy"
    workbook.save(path)


ACTION_COLUMNS = ("Progress note or reason", "Evidence", "Last changed", "Id")
UPDATED_ACTIONS = {  # row: (status, progress note, evidence, last changed)
    5: ("Done", "Posters are up in 40 places, and the panels have a page on the BCU's website.",
        "The Central South BCU page of the force website", date(2022, 6, 20)),
    6: ("In progress", "Six new members have a buddy; the rest start in July.", "", date(2022, 6, 1)),
    7: ("In progress", "The council has agreed to pay childcare costs from September.", "", date(2022, 6, 28)),
}
NEW_ACTION = ("Ask young people directly, not only at this hub.",
              "A hub for young people, planned with the Youth Forum.",
              "Youth engagement officer", "Planned", date(2022, 10, 31))


def write_planning_update(source: Path, path: Path) -> None:
    """Write the planning workbook as it might stand some months after the hub: three actions moved
    on, one new, and the tracking columns filled in (the update date the demo uses is 8 July 2022,
    so the buddy scheme, due by 30 June, is overdue)."""
    workbook = openpyxl.load_workbook(source)
    actions = workbook["Actions"]
    headings = [cell.value for cell in actions[3]]
    for heading in ACTION_COLUMNS:
        if heading not in headings:
            column = len([h for h in headings if h]) + 1
            set_style(actions.cell(row=3, column=column, value=heading), style_of(actions.cell(row=3, column=1)))
            headings = [cell.value for cell in actions[3]]
    where = {heading: headings.index(heading) + 1 for heading in ("Status", *ACTION_COLUMNS)}
    for row, (status, note, evidence, changed) in UPDATED_ACTIONS.items():
        for heading, value in zip(("Status", *ACTION_COLUMNS), (status, note, evidence, changed)):
            actions.cell(row=row, column=where[heading], value=value)
        actions.cell(row=row, column=where["Last changed"]).number_format = "dd/mm/yyyy"
    row = 4 + len(ACTIONS)
    for column, value in enumerate(NEW_ACTION, start=1):
        actions.cell(row=row, column=column, value=value)
    actions.cell(row=row, column=5).number_format = "dd/mm/yyyy"
    workbook.save(path)
    path.write_bytes(reproducible(path.read_bytes()))


def write_returned_form(path: Path, event, person: dict) -> None:
    data = render_form(build_context(event), "post", template_path("post-event-form"), None)
    ticks = [f"{q}={s}" for q, s in person["post"].items()] + [f"sector={person['sector']}", "consent"]
    typed = {"personal_code": [person["code"]], "takeaway_1": [TAKEAWAYS[0]], "next_steps": [NEXT_STEPS[2]]}
    path.write_bytes(tick_and_type(data, ticks, typed))


def tick_and_type(data: bytes, ticks: list[str], typed: dict[str, list[str]]) -> bytes:
    """Return the form with the boxes tagged ``ticks`` ticked and text typed into controls, the
    way Word saves them (``typed`` maps a tag to its lines)."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(data))
    for sdt in document.element.body.iter(qn("w:sdt")):
        properties = sdt.find(qn("w:sdtPr"))
        tag = properties.find(qn("w:tag"))
        tag = tag.get(qn("w:val")) if tag is not None else None  # controls around others have none
        if tag in ticks:
            properties.find(qn("w14:checkbox")).find(qn("w14:checked")).set(qn("w14:val"), "1")
            sdt.find(qn("w:sdtContent")).find(".//" + qn("w:t")).text = "\u2612"
        if tag in typed:
            for placeholder in properties.findall(qn("w:showingPlcHdr")):
                properties.remove(placeholder)
            run = sdt.find(qn("w:sdtContent")).find(qn("w:r"))
            for child in list(run):
                if child.tag != qn("w:rPr"):
                    run.remove(child)
            for index, line in enumerate(typed[tag]):
                if index:
                    run.append(run.makeelement(qn("w:br"), {}))
                text = run.makeelement(qn("w:t"), {})
                text.text = line
                run.append(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    main()
