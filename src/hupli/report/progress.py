"""A progress bar on stderr for the corpus commands, when stderr is a terminal."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def progress_bar(
    total: int, description: str, *, enabled: bool
) -> Iterator[Callable[[str], None] | None]:
    """A rich progress bar on stderr when `enabled` (stderr is a terminal); else nothing."""
    if not enabled or total <= 1:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True)
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=total)
        yield lambda _item: progress.advance(task)
