"""Events: triggers, arguments, modality and reported speech → ``EventCandidate`` records."""

from eventwire.events.candidate import EventCandidate
from eventwire.events.coder import EventCoder

__all__ = ["EventCandidate", "EventCoder"]
