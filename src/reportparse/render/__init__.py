"""Renderers: each turns a Document into text and never parses."""
