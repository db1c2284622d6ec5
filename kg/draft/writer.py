"""The draft as YAML, checked by the project's own reader: a proposal that would not build is left out (and
--explain says why), so the draft builds as it stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.annotations import SECTIONS, read_annotation, scan_annotation
from kg.corpus import index_corpus
from kg.cycles import check_cycles
from kg.draft.proposal import Proposal
from kg.errors import KgError
from kg.ontology import Ontology
from kg.quotes import starts
from kg.reference import Reference
from kg.registry import Registry
from kg.series import check_editions
from kg.typecheck import check_functional, check_types
from kg.yamlfile import Mapping, Sequence, parse_yaml

OPTIONAL_METADATA = ("title", "published", "url", "publisher", "authors", "editors")
OPTIONAL_FIELDS = ("aliases", "honorific_prefix", "honorific_suffix", "date", "city", "province", "venue", "organiser",
                   "host", "series", "edition", "title", "topic", "parties", "signed_at", "presented_at", "document")
HEADER = ("# Draft annotation written by `kg draft`: every block marked 'review:' is a proposal.\n"
          "# Check each against the article; fix or delete it, then delete its review line (kg check lists them).\n")


@dataclass
class Context:
    """What checking a draft needs: the corpus it joins and where it will be written."""

    ontology: Ontology
    reference: Reference
    registry: Registry
    scans: list
    seeds: Path
    out: Path


@dataclass
class Composed:
    text: str
    kept: list[Proposal]
    dropped: list[tuple[Proposal, str]] = field(default_factory=list)


def evidence(text: str, span: tuple[int, int]) -> dict[str, object]:
    """`quote:` (and `occurrence:` when the words occur more than once) for the words at `span`."""
    quote = " ".join(text[span[0]:span[1]].split())
    found = starts(text, quote)
    result: dict[str, object] = {"quote": quote}
    if len(found) > 1:
        result["occurrence"] = found.index(span[0]) + 1 if span[0] in found else 1
    return result


def block(proposal: Proposal, text: str) -> dict[str, object]:
    fields: dict[str, object] = {}
    for key, value in proposal.fields.items():
        if key in proposal.spans:
            fields[key] = {"value": value, **evidence(text, proposal.spans[key])}
        else:
            fields[key] = value
    return {**fields, **evidence(text, proposal.span), "review": proposal.review}


def dump(article: dict[str, object], proposals: list[Proposal], text: str) -> str:
    document: dict[str, object] = {"article": article}
    for section in SECTIONS[1:]:
        blocks = [block(p, text) for p in proposals if p.section == section]
        if blocks:
            document[section] = blocks
    body = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
    return HEADER + body


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as the README writes them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def compose(article: dict[str, object], proposals: list[Proposal], text: str, context: Context) -> Composed:
    """The draft text, after leaving out each proposal the reader refuses (one at a time, up to all of them)."""
    kept = list(proposals)
    composed = Composed("", kept)
    while True:
        composed.text = dump(article, kept, text)
        problem = _problem(composed.text, context)
        if problem is None:
            return composed
        culprit = _culprit(composed.text, problem, kept, context)
        if culprit is None:
            raise problem
        if isinstance(culprit, str):
            article.pop(culprit)
            composed.dropped.append((Proposal("article", {culprit: "metadata"}, (0, 0), "article metadata"),
                                     problem.message))
            continue
        proposal, key = culprit
        if key is None:
            kept.remove(proposal)
        else:
            proposal.fields.pop(key)
            proposal.spans.pop(key, None)
        composed.dropped.append((proposal if key is None else Proposal(
            proposal.section, {**proposal.fields, key: "field"}, proposal.span, f"its field {key}"), problem.message))


def _problem(draft: str, context: Context) -> KgError | None:
    try:
        data = parse_yaml(draft, context.out)
        scan = scan_annotation(context.out, context.ontology, data)
        corpus = index_corpus(context.ontology, context.reference, context.registry,
                              [*((s.path, s.entries) for s in context.scans), (context.out, scan.entries)])
        annotation = read_annotation(scan, context.ontology, corpus, context.seeds)
        facts = [*context.reference.facts, *context.registry.facts, *annotation.facts]
        check_types(facts, context.ontology)
        check_functional(facts, context.ontology)
        check_cycles(facts)
        check_editions(facts)
    except KgError as error:
        return error
    return None


def _culprit(draft: str, problem: KgError, kept: list[Proposal], context: Context
             ) -> tuple[Proposal, str | None] | str | None:
    """The proposal whose block holds the line the error names, or the optional article field on that line."""
    if problem.line is None:
        return None
    data = parse_yaml(draft, context.out)
    assert isinstance(data, Mapping)
    article = data["article"]
    if data.key_lines["article"] <= problem.line < _end_line(data, "article"):
        keys = [k for k, line in article.key_lines.items() if line <= problem.line and k in OPTIONAL_METADATA]
        return max(keys, key=lambda k: article.key_lines[k]) if keys else None
    for section in SECTIONS[1:]:
        blocks = data.get(section)
        if not isinstance(blocks, Sequence):
            continue
        ours = [p for p in kept if p.section == section]
        lines = [*blocks.item_lines, _end_line(data, section)]
        for index, proposal in enumerate(ours):
            if lines[index] <= problem.line < lines[index + 1]:
                return proposal, _optional_field(blocks[index], problem.line, proposal)
    return None


def _optional_field(block: Mapping, line: int, proposal: Proposal) -> str | None:
    """The optional field of a block on (or above) the line an error names: that field goes, the block stays."""
    keys = [k for k, at in block.key_lines.items() if at <= line]
    key = max(keys, key=lambda k: block.key_lines[k]) if keys else None
    return key if key in OPTIONAL_FIELDS and key in proposal.fields else None


def _end_line(data: Mapping, section: str) -> int:
    later = [line for key, line in data.key_lines.items() if line > data.key_lines[section]]
    return min(later) if later else 10**9
