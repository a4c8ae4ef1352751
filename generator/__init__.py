"""Briefing-site generator: news articles in content/ → Markdown docs → MkDocs site."""

__version__ = "0.1.0"
