"""The reader's review (`make review`, docs/review.md): screenshots of every page of the app
at a desktop's and a phone's width in the states a reader uses, over the shipped sample and
the odd data, plus the briefing pack's pages as images, under review/<timestamp>/ with an
index.md that a fresh reviewer reads against the rubric in docs/review.md.

- plan.py: the data sets, states and widths, and the shots they make (no browser here);
- server.py: the real app server over a data directory (the browser tests' own start);
- shoot.py: Chromium through Playwright, one browser and one page per data set;
- briefing_pages.py: the briefing PDF (`python -m dashboard briefing`) as PNG pages;
- __main__.py: the command (`python -m tools.review --help`).
"""
