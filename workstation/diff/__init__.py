"""Diffs, hunks, accept/reject and the HTML report (no Qt).

- :mod:`workstation.diff.engine`: ``diff_texts(old, new, DiffOptions()) -> TextDiff`` (hunks, blocks, merge, offset maps)
- :mod:`workstation.diff.review`: ``Review(diff)`` — accept/reject hunks in any order, ``merged_text()``
- :mod:`workstation.diff.documents`: ``compare_files(old_path, new_path)`` — encodings, line endings, ``save_merged``
- :mod:`workstation.diff.layout`: ``side_by_side(diff, context=3) -> list[Row]`` for viewers
- :mod:`workstation.diff.alignment`: ``SpanAlignment(source_spans, target_spans)`` for the translate view
- :mod:`workstation.diff.text_report`, :mod:`~workstation.diff.json_report`, :mod:`~workstation.diff.html_report`

Submodules are imported directly (this package imports nothing, so the CLI starts fast).
"""
