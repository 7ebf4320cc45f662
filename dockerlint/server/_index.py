"""Per-parse indexes the features share, built once per document version (keyed by the Model)."""
from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dockerlint.semantics.model import Model
    from dockerlint.semantics.references import References

_references: weakref.WeakKeyDictionary[Model, References] = weakref.WeakKeyDictionary()


def references(model: Model) -> References:
    index = _references.get(model)
    if index is None:
        from dockerlint.semantics.references import References

        index = _references[model] = References(model)
    return index
