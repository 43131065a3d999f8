"""Per-word memos for the per-token tests that `map` applies across a sentence."""

from __future__ import annotations

from collections.abc import Callable


class WordMemo(dict[str, bool]):
    """A test on a word's text, memoised in a dict and read with `map(memo.__getitem__, texts)`: a
    word seen before costs one dict lookup in C, about half an `lru_cache` hit. Articles repeat their
    words, so most lookups are such hits. Emptied when it holds `limit` words, so that no stream of
    new words grows it without bound."""

    def __init__(self, test: Callable[[str], bool], limit: int = 16384) -> None:
        super().__init__()
        self.test = test
        self.limit = limit

    def __missing__(self, text: str) -> bool:
        if len(self) >= self.limit:
            self.clear()
        value = self[text] = self.test(text)
        return value
