"""What a published count says: the number, "<5", or "≥5" — and sums of them.

An export shows every count of 5 or more as the number and every smaller count
(zero included) as "<5". A count that would let a reader work out a "<5" from the
rest of the file is shown as "≥5" (see `suppression`). A reader of the file, and
the foundation's report, therefore know each count only as a range: `Bounds`.
Adding ranges never makes them narrower, so two "<5" added up are "0–8", never
a number that looks exact.
"""

from __future__ import annotations

from dataclasses import dataclass

THRESHOLD = 5
SMALL = "<5"
WITHHELD = "≥5"
Published = int | str  # a number >= THRESHOLD, SMALL or WITHHELD


@dataclass(frozen=True)
class Bounds:
    low: int
    high: int | None  # None: no upper bound

    @classmethod
    def exact(cls, value: int) -> Bounds:
        return cls(value, value)

    @classmethod
    def of(cls, value: Published | None) -> Bounds:
        """The range a published value stands for (None: a table not published)."""
        if value == SMALL:
            return cls(0, THRESHOLD - 1)
        if value == WITHHELD:
            return cls(THRESHOLD, None)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls.exact(value)
        return cls(0, None)

    @property
    def is_exact(self) -> bool:
        return self.high == self.low

    def __add__(self, other: Bounds) -> Bounds:
        high = None if self.high is None or other.high is None else self.high + other.high
        return Bounds(self.low + other.low, high)

    def text(self) -> str:
        """ "12", "<5", "≥5", "≥17" or "6–14": never more exact than what is known."""
        if self.is_exact:
            return str(self.low)
        if self.high is not None and self.high < THRESHOLD:
            return SMALL
        if self.high is None:
            return f"≥{self.low}"
        return f"{self.low}–{self.high}"


ZERO = Bounds(0, 0)


def total(values: list[Bounds]) -> Bounds:
    result = ZERO
    for value in values:
        result = result + value
    return result


def publish(value: int) -> Published:
    """The primary rule: a count below the threshold is shown as "<5"."""
    return value if value >= THRESHOLD else SMALL
