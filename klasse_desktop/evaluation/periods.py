"""Months and periods: the finest time the evaluation knows.

An export never carries a day, so every date is cut to its month here, and a
period is a whole number of months ("2026-03" up to and including "2027-02").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from klasse_desktop.evaluation.errors import EvaluationError
from klasse_desktop.i18n import _

MAX_MONTHS = 120  # ten years: a longer period is a typing error
_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str, what: str = "") -> Month:
        """ "2026-03" → Month(2026, 3); anything else is an EvaluationError."""
        found = _MONTH.fullmatch(text.strip())
        if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1900:
            raise EvaluationError(
                _("{what}'{value}' is not a month; write YYYY-MM, e.g. 2026-03.").format(
                    what=f"{what}: " if what else "", value=text
                )
            )
        return cls(int(found.group(1)), int(found.group(2)))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        following = self.next()
        return date.fromordinal(following.first_day.toordinal() - 1)

    @property
    def quarter(self) -> str:
        """ "2026-Q1": the key of the quarter this month is in."""
        return f"{self.year:04d}-Q{(self.month - 1) // 3 + 1}"

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)


@dataclass(frozen=True)
class Period:
    start: Month
    end: Month  # included

    @classmethod
    def parse(cls, start: str, end: str) -> Period:
        return cls.checked(Month.parse(start, "--from"), Month.parse(end, "--to"))

    @classmethod
    def checked(cls, start: Month, end: Month) -> Period:
        if end < start:
            raise EvaluationError(
                _("The period ends ({end}) before it starts ({start}).").format(
                    start=start, end=end
                )
            )
        period = cls(start, end)
        if len(period.months()) > MAX_MONTHS:
            raise EvaluationError(
                _("The period is longer than {years} years; choose a shorter one.").format(
                    years=MAX_MONTHS // 12
                )
            )
        return period

    def months(self) -> list[Month]:
        return list(self._walk())

    def _walk(self) -> Iterator[Month]:
        month = self.start
        while month <= self.end:
            yield month
            month = month.next()

    def quarters(self) -> list[str]:
        """The quarters the period touches, in order ("2026-Q1", …)."""
        return list(dict.fromkeys(month.quarter for month in self._walk()))

    @property
    def first_day(self) -> date:
        return self.start.first_day

    @property
    def last_day(self) -> date:
        return self.end.last_day

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first_day <= day <= self.last_day

    def __str__(self) -> str:
        return f"{self.start} – {self.end}"


def quarter_label(key: str) -> str:
    """ "2026-Q1" → "Q1 2026" in the user's language ("K1 2026" in Dutch)."""
    year, _sep, number = key.partition("-Q")
    return _("Q{quarter} {year}").format(quarter=number, year=year)
