"""What the participant's and the trainer's room pages share: the rooms store, opened on first
use, and the heartbeat that follows the room and says in the page when the store is out of reach."""

from __future__ import annotations

import ipywidgets as widgets

from ..logic.room_store import RoomStore, open_store
from .common import Message
from .room_watch import Watch


class RoomPage(widgets.VBox):
    """A room page; subclasses give ``tick`` (one look at the room) and their children."""

    def __init__(self, store: RoomStore | None, look_seconds: float, **kwargs):
        self._store = store
        self.message = Message()
        self.watch = Watch(look_seconds, self.tick, self._trouble)
        super().__init__(**kwargs)

    def store(self) -> RoomStore:
        if self._store is None:
            self._store = open_store()
        return self._store

    def tick(self, force: bool = False) -> bool:
        raise NotImplementedError

    lost = "This page cannot reach the room just now; it keeps trying."
    found = "In touch with the room again."

    def _trouble(self, failing: bool) -> None:
        if failing:
            self.message.problem(self.lost)
        else:
            self.message.show(self.found)
