"""What import and export say to people: the import report, the export replies."""
from __future__ import annotations

from handlers.dataio.importer import ImportReport

OUTCOMES = (("created", "created"), ("updated", "updated"), ("unchanged", "unchanged"))


def report_text(report: ImportReport) -> str:
    """The import report: what was (or would be) done, or every bad row with its line and reason."""
    lines = [f"Columns: " + ", ".join(f"{header} → {field}" for field, header in report.columns.items())]
    if report.problem:
        return "\n".join(lines + [f"Nothing imported: {report.problem}."])
    if report.errors or report.counts.get("bad"):
        return "\n".join(lines + _refusal(report))
    done = ", ".join(f"{report.counts.get(key, 0)} {word}" for key, word in OUTCOMES)
    lead = "Dry run — nothing written. Would import" if report.dry_run else "Imported"
    lines.append(f"{lead} {report.kind}: {done}.")
    if report.new_people:
        verb = "Would create" if report.dry_run else "Created"
        lines.append(f"{verb} {len(report.new_people)} people: {', '.join(report.new_people)}.")
    return "\n".join(lines)


def _refusal(report: ImportReport) -> list[str]:
    bad = report.counts.get("bad", len(report.errors))
    lines = [f"Nothing imported: {bad} bad row{'s' if bad != 1 else ''} (fix them and import the file again)."]
    lines += [f"  line {line}: {reason}" for line, reason in report.errors]
    if len(report.errors) < bad:
        lines.append(f"  … and {bad - len(report.errors)} more")
    if report.unknown_stages:
        lines.append("Stages I did not know: " + ", ".join(report.unknown_stages)
                     + " — map them with --stage-map NAME=stage")
    return lines
