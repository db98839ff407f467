"""The `reflect` filter's function, kept here for older imports: see bot/engine/reflection."""

from __future__ import annotations

from .reflection import reflect, shape, summary, voice

__all__ = ["reflect", "shape", "summary", "voice"]
