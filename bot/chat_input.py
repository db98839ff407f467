"""What a person types in the terminal chat, or on a `>` line of a golden transcript, as the
engine's event: a command, a press of a button (by its number or its label), or text."""

from __future__ import annotations

from bot.engine import Ask, Command, Event, Pick, Text


def parse_input(line: str, ask: Ask | None) -> Event:
    """What the person typed, as the engine's event: a command, a button, or text."""
    text = line.rstrip("\n")
    stripped = text.strip()
    if stripped.startswith("/") and len(stripped) > 1 and stripped[1:2].isalpha():
        name, _, payload = stripped[1:].partition(" ")
        return Command(name.split("@")[0].lower(), payload.strip())
    if ask is not None and ask.buttons:
        label = (
            stripped[1:-1].strip()
            if stripped.startswith("[") and stripped.endswith("]")
            else stripped
        )
        if ask.input != "scale" and label.isdigit() and 1 <= int(label) <= len(ask.buttons):
            return Pick(ask.buttons[int(label) - 1].data, ask.rev)
        for button in ask.buttons:
            if label.casefold() in (
                button.label.casefold(),
                button.label.removeprefix("✓ ").casefold(),
            ):
                return Pick(button.data, ask.rev)
    return Text(text)
