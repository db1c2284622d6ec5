"""Small helpers to ask the built dataset questions in tests."""

from __future__ import annotations

import pyoxigraph

from kg.namespaces import PREFIXES

PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))


def short(term: object) -> str:
    """A term as a short string: entity ids without namespace, literals as value^^type-local-name."""
    if isinstance(term, pyoxigraph.NamedNode):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
            if term.value.startswith(namespace):
                return term.value[len(namespace):] if prefix == "id" else f"{prefix}:{term.value[len(namespace):]}"
        return term.value
    if isinstance(term, pyoxigraph.Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if term.language:
            return f"{term.value}@{term.language}"
        return term.value if datatype == "string" else f"{term.value}^^{datatype}"
    return str(term)


def rows(store: pyoxigraph.Store, query: str, union: bool = True) -> list[tuple[str, ...]]:
    """The solutions of a SELECT as sorted tuples of short strings."""
    result = store.query(PROLOGUE + query, use_default_graph_as_union=union)
    return sorted(tuple(short(solution[v]) if solution[v] is not None else None for v in result.variables)
                  for solution in result)


def ask(store: pyoxigraph.Store, query: str) -> bool:
    return bool(store.query(PROLOGUE + query, use_default_graph_as_union=True))
