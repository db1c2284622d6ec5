"""A proposal of the drafter: one block of the draft annotation, its evidence and the rule that made it."""

from __future__ import annotations

from dataclasses import dataclass, field

SUGGESTED = "suggested"
UNCERTAIN = "uncertain"


@dataclass
class Proposal:
    """A block for `section`, with `fields` in the order they are written; `span` is its quote in the text."""

    section: str
    fields: dict[str, object]
    span: tuple[int, int]
    rule: str
    review: str = SUGGESTED
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        for key in ("id", "holder", "participant", "subject"):
            if key in self.fields:
                value = self.fields[key]
                return ", ".join(value) if isinstance(value, list) else str(value)
        return self.section

    def key(self) -> tuple:
        """What makes two proposals the same block: the same entity, or the same statement."""
        if "id" in self.fields:
            return (self.section, self.fields["id"])
        identity = {k: v for k, v in self.fields.items() if k in ("holder", "role", "of", "participant", "event",
                                                                 "subject", "relation", "object")}
        return (self.section, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in identity.items())))
