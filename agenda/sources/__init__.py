"""Provides timeline import from what people actually have: published and pasted timelines, chat
exports, and the paging, alerting and deploy systems' logs.

`agenda.sources.read` reads files and pasted text into records (kind detected from the content),
`agenda.sources.merge` plans what an import adds to a session (duplicates left out, the same moment
from several sources folded into one event) and builds the one undoable edit. The package is kept
free of imports here so that `agenda.timeline` can use the text reader without a cycle.
"""
