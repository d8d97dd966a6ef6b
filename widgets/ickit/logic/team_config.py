"""A chosen team configuration: its rationale as Markdown, and a JSON form that loads back checked."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from ..content import Content
from ..errors import KitInputError
from . import markdown as md
from .team_choice import Suggestion, check_answers, rank

FORMAT = "ickit-team-configuration"
VERSION = 1
MAX_BYTES = 100_000
MAX_LABEL, MAX_NOTE = 80, 2000


@dataclass(frozen=True)
class Configuration:
    label: str
    process_model: str
    management_type: str
    answers: dict[str, str] = field(default_factory=dict)
    note: str = ""


def validate(config: Configuration, content: Content) -> Configuration:
    """``config`` if every id is known and the texts fit; else a KitInputError saying what is wrong."""
    if not config.label.strip():
        raise KitInputError("Give the configuration a name.")
    if len(config.label) > MAX_LABEL:
        raise KitInputError(f"Keep the name under {MAX_LABEL} characters.")
    if len(config.note) > MAX_NOTE:
        raise KitInputError(f"Keep the note under {MAX_NOTE} characters.")
    if config.process_model not in content.by_id("team_process_models"):
        raise KitInputError(f"Unknown team process model: {config.process_model!r}.")
    if config.management_type not in content.by_id("team_management_types"):
        raise KitInputError(f"Unknown management type: {config.management_type!r}.")
    if config.answers:
        check_answers(config.answers, content)
    return config


def to_json(config: Configuration) -> str:
    return json.dumps({"format": FORMAT, "version": VERSION, **asdict(config)}, indent=2,
                      ensure_ascii=False)


def from_json(data: bytes | str, content: Content) -> Configuration:
    """Read a saved configuration, or raise a KitInputError a workshop user can act on."""
    if len(data) > MAX_BYTES:
        raise KitInputError("That file is too large to be a saved team configuration.")
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        doc = json.loads(text)
    except UnicodeDecodeError:
        raise KitInputError("That file is not a text file; choose a .json file saved by the kit.")
    except json.JSONDecodeError as err:
        raise KitInputError(f"That file is not valid JSON (line {err.lineno}); "
                            "choose a .json file saved by the kit.")
    except (RecursionError, ValueError):  # nested far deeper, or a number far longer, than any saved
        raise KitInputError("That file is not a team configuration saved by the kit.")
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise KitInputError("That file is not a team configuration saved by the kit.")
    if doc.get("version") != VERSION:
        raise KitInputError(f"That file is version {doc.get('version')!r}; the kit reads version {VERSION}.")
    fields = {"label": str, "process_model": str, "management_type": str, "answers": dict, "note": str}
    for name, kind in fields.items():
        if not isinstance(doc.get(name, kind()), kind):
            raise KitInputError(f"In that file, '{name}' has the wrong kind of value.")
    if "process_model" not in doc or "management_type" not in doc:
        raise KitInputError("That file names no process model or no management type.")
    try:
        return validate(Configuration(**{k: doc.get(k, kind()) for k, kind in fields.items()}), content)
    except KitInputError as err:
        raise KitInputError(f"That file cannot be loaded: {err}")


def to_markdown(config: Configuration, content: Content) -> str:
    """The configuration and why: what each part means, its reasons and what to watch for."""
    config = validate(config, content)
    model = content.by_id("team_process_models")[config.process_model]
    mtype = content.by_id("team_management_types")[config.management_type]
    ranking = rank(config.answers, content) if config.answers else None
    principle = content.team_management_principle
    lines = [f"# {md.paragraph(config.label)}", ""]
    if config.note.strip():
        lines += [md.lines(config.note), ""]
    lines += [f"## Team process: {model.name}", "", f"{model.summary} – {content.citation(model.source)}", "",
              "Route of a referral: " + " → ".join(_stage(s, content) for s in model.referral_path), ""]
    lines += _fit(ranking.process if ranking else None, model.id, content)
    lines += _points("Strengths", model.strengths, content) + _points("Watch for", model.risks, content)
    lines += [f"## Management: {mtype.name}", "", f"{mtype.summary} – {content.citation(mtype.source)}", "",
              f"- Who manages whom: {mtype.who_manages_whom}", _cited("Budget", mtype.budget_holder, content),
              _cited("Accountability", mtype.accountability, content), ""]
    lines += _fit(ranking.management if ranking else None, mtype.id, content)
    lines += _points("Strengths", mtype.strengths, content) + _points("Watch for", mtype.risks, content)
    lines += [f"## {principle.name}", "", f"{principle.explanation} – {content.citation(principle.source)}", ""]
    if config.answers:
        lines += ["## Answers given", ""]
        lines += [f"- {q.prompt} {next(o.label for o in q.options if o.id == config.answers[q.id])}"
                  for q in content.team_choice.questions]
    return "\n".join(lines).rstrip() + "\n"


def _stage(stage: str, content: Content) -> str:
    return next(s.label for s in content.team_choice.stages if s.id == stage)


def _fit(ranked: tuple[Suggestion, ...] | None, chosen: str, content: Content) -> list[str]:
    if ranked is None:
        return []
    place = next(i for i, s in enumerate(ranked) if s.id == chosen)
    item = ranked[place]
    head = f"Fit with the answers: number {place + 1} of {len(ranked)}, score {item.score:+d}"
    head += ", a poor fit." if item.poor_fit else "."
    return [head, ""] + [f"- {r.signed} {r.text} – {content.citation(r.source)}" for r in item.reasons] + [""]


def _points(title: str, points, content: Content) -> list[str]:
    return [f"{title}:", ""] + [f"- {p.text} – {content.citation(p.source)}" for p in points] + [""]


def _cited(label: str, point, content: Content) -> str:
    return f"- {label}: {point.text} – {content.citation(point.source)}"
