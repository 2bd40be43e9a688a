"""What import and export say to people: the import report, the export replies."""
from __future__ import annotations

from handlers.dataio.importer import ImportReport
from handlers.i18n import L_, _, ngettext

OUTCOMES = (("created", L_("created")), ("updated", L_("updated")), ("unchanged", L_("unchanged")))


def report_text(report: ImportReport) -> str:
    """The import report: what was (or would be) done, or every bad row with its line and reason."""
    lines = [_("Columns: ") + ", ".join(f"{header} → {field}" for field, header in report.columns.items())]
    if report.problem:
        return "\n".join(lines + [_("Nothing imported: {problem}.").format(problem=report.problem)])
    if report.errors or report.counts.get("bad"):
        return "\n".join(lines + _refusal(report))
    done = ", ".join(f"{report.counts.get(key, 0)} {word}" for key, word in OUTCOMES)
    lead = _("Dry run — nothing written. Would import {kind}: {done}.") if report.dry_run else \
        _("Imported {kind}: {done}.")
    lines.append(lead.format(kind=report.kind, done=done))
    if report.new_people:
        verb = _("Would create {count} people: {names}.") if report.dry_run else _("Created {count} people: {names}.")
        lines.append(verb.format(count=len(report.new_people), names=", ".join(report.new_people)))
    return "\n".join(lines)


def _refusal(report: ImportReport) -> list[str]:
    bad = report.counts.get("bad", len(report.errors))
    refused = ngettext("Nothing imported: {count} bad row (fix them and import the file again).",
                       "Nothing imported: {count} bad rows (fix them and import the file again).", bad)
    lines = [refused.format(count=bad)]
    lines += [_("  line {line}: {reason}").format(line=line, reason=reason) for line, reason in report.errors]
    if len(report.errors) < bad:
        lines.append(_("  … and {count} more").format(count=bad - len(report.errors)))
    if report.unknown_stages:
        lines.append(_("Stages I did not know: {stages} — map them with --stage-map NAME=stage").format(
            stages=", ".join(report.unknown_stages)))
    return lines
