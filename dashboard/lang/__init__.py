"""The reader's language (data contract version 3, section 10): English and French.

`translate` holds the one `_()` and the choice of language (the URL's `lang=`, else the
browser's, else English), `numbers` the formats from Babel's CLDR data (money, numbers,
percentages, dates, Plotly's separators) for each language. The catalogues are standard
gettext files under `locale/` (docs/translating.md)."""
