"""Small readers for Teams tests: what a card says, its buttons, and rows from the database."""
from __future__ import annotations

from sqlmodel import Session, select

from adapters.teams.cards import card_texts
from storage.models import Deal, Person


def words(card: dict) -> str:
    """Everything a person reads on a card, as one string."""
    return "\n".join(card_texts(card))


def button(card: dict, title: str) -> dict:
    """The data of the button titled `title` (what Teams sends back when it is pressed)."""
    for action in card.get("actions", []):
        if action["title"] == title:
            return action["data"]
    raise AssertionError(f"no button {title!r} on the card; buttons: {[a['title'] for a in card.get('actions', [])]}")


def inputs(card: dict) -> dict[str, dict]:
    return {element["id"]: element for element in card["body"] if element["type"].startswith("Input.")}


def deals(store) -> list[Deal]:
    with Session(store.engine) as session:
        return list(session.exec(select(Deal).order_by(Deal.id)))


def person(store, platform_user_id: str) -> Person | None:
    with Session(store.engine) as session:
        return session.exec(select(Person).where(Person.platform_user_id == platform_user_id)).first()
