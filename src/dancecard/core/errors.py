"""Domain exceptions: raised in the core, turned into exit codes or HTTP 4xx at the edges."""


class DancecardError(Exception):
    """Base of every error the core raises on purpose."""


class InstrumentError(DancecardError):
    """An instrument data file is unreadable or breaks the schema."""


class UnknownInstrument(DancecardError):
    """No shipped instrument has that name or version."""


class InvalidAnswers(DancecardError):
    """Answers that do not fit the instrument; carries every problem, not just the first."""

    def __init__(self, problems: list[str], by_item: dict[str, str] | None = None):
        self.problems = problems
        # The message for each item id at fault, for forms that show errors beside each question.
        self.by_item = by_item or {}
        listing = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) with the answers:\n{listing}")


class AssessmentClosed(DancecardError):
    """A completed assessment cannot be changed."""
