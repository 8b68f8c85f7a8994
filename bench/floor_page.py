"""The floor page of the rerun benchmark (bench/rerun.py): what Streamlit itself costs to
put 8 Plotly bar charts of 200 points and 8 data tables of 50 rows on screen, with no
data work at all. A page of the dashboard is measured against it (ratio to the floor)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

CHARTS = 8
POINTS = 200
TABLES = 8
TABLE_ROWS = 50

st.title("Floor page")
rng = np.random.default_rng(0)
for i in range(CHARTS):
    x = [f"item {k}" for k in range(POINTS)]
    y = rng.uniform(0, 100, POINTS)
    fig = go.Figure(go.Bar(x=x, y=y, name=f"series {i}"))
    fig.update_layout(title=f"Chart {i}", height=320)
    st.plotly_chart(fig, key=f"floor_chart_{i}", width="stretch")
for i in range(TABLES):
    df = pd.DataFrame({"name": [f"row {k}" for k in range(TABLE_ROWS)],
                       "amount": rng.uniform(0, 1e6, TABLE_ROWS),
                       "count": rng.integers(0, 100, TABLE_ROWS)})
    st.dataframe(df, key=f"floor_table_{i}", hide_index=True, width="stretch")
