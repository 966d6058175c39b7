"""The one error the evaluation raises for bad input: a translated sentence."""

from __future__ import annotations


class EvaluationError(ValueError):
    """A period, an export file or a school name that cannot be used; the message
    says what is wrong and how to put it right, in the user's language."""
