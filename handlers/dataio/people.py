"""How people are found by what a file or a remote CRM calls them: email, then handle, then display name."""
from __future__ import annotations


def people_index(people: list[tuple[int, str | None, str, str]]) -> dict[str, int]:
    """casefolded key -> person id; an email beats a handle, a handle beats a display name."""
    index: dict[str, int] = {}
    for person_id, _, _, name in people:
        index.setdefault(name.casefold(), person_id)
    for person_id, _, handle, _ in people:
        index[handle.casefold()] = person_id
    for person_id, email, _, _ in people:
        if email:
            index[email.casefold()] = person_id
    return index
