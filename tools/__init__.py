"""Developer tools that are not part of the app (tools/review: the reader's review)."""
