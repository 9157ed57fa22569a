"""Data going out and coming back: lossless JSON exports, answer tables for researchers, imports."""
