"""What an NSC workbook import decided, unit by unit: the report the operator reads."""

import datetime
from collections import Counter
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path


@dataclass
class Decision:
    action: str
    code: str = ""
    name: str = ""
    detail: str = ""
    where: str = ""
    slug: str = ""

    def line(self) -> str:
        parts = [f"{self.action:<10}", self.code, self.name]
        text = "  ".join(p for p in parts if p)
        if self.slug:
            text += f" [{self.slug}]"
        if self.detail:
            text += f": {self.detail}"
        if self.where:
            text += f" ({self.where})"
        return text


@dataclass
class ImportReport:
    file: str
    year: int
    year_from: str
    date: datetime.date
    dry_run: bool = False
    sheets: list[str] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)

    def add(self, action: str, **kwargs) -> None:
        self.decisions.append(Decision(action, **kwargs))

    def counts(self) -> Counter:
        return Counter(d.action for d in self.decisions)

    def header(self) -> list[str]:
        lines = [
            f"NSC workbook {self.file}: figures for the start of {self.year} "
            f"(year from {self.year_from}); {len(self.sheets)} sheets: {', '.join(self.sheets)}",
            f"Changes dated {self.date.isoformat()} (units retired: last day "
            f"{(self.date - datetime.timedelta(days=1)).isoformat()})",
        ]
        if self.dry_run:
            lines.append("DRY RUN: nothing has been written.")
        return lines

    def summary(self) -> str:
        counts = self.counts()
        order = ["created", "renamed", "updated", "retired", "ambiguous", "review", "unchanged",
                 "villages", "fixed", "skipped"]
        return "Summary: " + ", ".join(f"{name} {counts.get(name, 0)}" for name in order)

    def lines(self, *, verbose: bool = False) -> list[str]:
        lines = self.header()
        unchanged = 0
        for decision in self.decisions:
            if decision.action == "unchanged" and not verbose:
                unchanged += 1
                continue
            lines.append(decision.line())
        if unchanged:
            lines.append(f"unchanged   {unchanged} units (listed one by one with -v 2)")
        lines.append(self.summary())
        return lines

    def write(self, path: Path) -> None:
        """The whole report: .csv gives one row per decision, anything else plain text."""
        path = Path(path)
        if path.suffix.lower() == ".csv":
            from portal.exports import csv_text

            rows = ([d.action, d.code, d.name, d.slug, d.detail, d.where] for d in self.decisions)
            header = ["decision", "code", "name", "unit", "detail", "where"]
            with path.open("w", encoding="utf-8", newline="") as fh:
                fh.write(csv_text(rows, header=header))
            return
        path.write_text("\n".join(self.lines(verbose=True)) + "\n", encoding="utf-8")
