from django.shortcuts import render

from dancecard.core.vocabulary import load_vocabulary
from dancecard.glossary.links import anchor
from dancecard.workspaces.access import any_kind


def glossary_sections() -> list[dict]:
    """The terms grouped as in vocabulary.toml's groups table, each with its citation."""
    vocabulary = load_vocabulary()
    sections = []
    for group, title in vocabulary.groups.items():
        terms = [{"key": t.key, "anchor": anchor(t.key), "label": t.label, "definition": t.definition,
                  "advice": t.advice, "colour": t.colour, "citation": vocabulary.cite(t.source.seed, t.source.section)}
                 for t in vocabulary.in_group(group)]
        if terms:
            sections.append({"key": group, "anchor": f"group-{group}", "title": title, "terms": terms})
    return sections


@any_kind  # a reference page: a programme's staff read it too
def glossary(request):
    sections = glossary_sections()
    return render(request, "glossary/glossary.html", {
        "nav": "glossary", "sections": sections, "count": sum(len(s["terms"]) for s in sections),
        "seeds": load_vocabulary().seeds.values(),
    })
