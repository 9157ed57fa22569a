"""Dancecard: alliance assessment and tracking for SMEs partnering with multinationals."""

__version__ = "0.1.0"
