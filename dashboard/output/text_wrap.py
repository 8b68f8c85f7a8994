"""How many lines a table cell's text takes when the grid wraps it: a line breaks between
words (at an ordinary space, never at a no-break one), so a text takes more lines than its
width over the column's whenever a word does not fit at the end of a line (FR #15, round 2:
Data & methods' contents cell ran past its row's bottom border)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

# the most lines a row is made tall enough for: a name wraps on up to four (a longer one
# is cut: tables.NAME_MAX); a sentence (a free text, a snapshot's source and contents, a
# status) on up to six, so it is read whole
NAME_LINES, SENTENCE_LINES = 4, 6
SENTENCES = ("source", "contents", "status_text")


def most_lines(column: str, kind: str) -> int:
    """The most lines a row is made tall for, for a column of this name and kind."""
    return SENTENCE_LINES if kind == "text" or column in SENTENCES else NAME_LINES


def lines(text: str, room: float, px: Callable[[str], float]) -> int:
    """Lines `text` takes in `room` px, each line as many whole words as fit (`px` measures
    a text); a word wider than the room takes a line of its own."""
    if px(text) <= room:
        return 1
    count, line = 1, ""
    for word in text.split(" "):
        if not word:
            continue
        candidate = f"{line} {word}" if line else word
        if line and px(candidate) > room:
            count, line = count + 1, word
        else:
            line = candidate
    return count


def most(texts: Iterable[str], room: float, px: Callable[[str], float]) -> int:
    """The most lines any of `texts` takes in `room` px (1 when there is none)."""
    return max((lines(t, room, px) for t in texts), default=1)
