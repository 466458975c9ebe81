"""The review page (``--format html``): the article with every cited passage highlighted by
verdict, and the summary items, most severe first, linked to their passages.

- ``segments``: the article cut into non-overlapping segments, each with the spans covering it;
- ``items``: summary items and checked claims in one shape, most severe first;
- ``page``: the self-contained HTML page (template, style sheet and script beside it).
"""

from .page import render_review_page

__all__ = ["render_review_page"]
