"""Pure figure builders and their layout, margins, browser styling and palette."""
