"""Analytics in pandas/numpy: score, selection, sensitivity, finance, comparison."""
