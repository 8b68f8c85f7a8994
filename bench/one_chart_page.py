"""The first visit's floor (`bench --browser`, bench/first_visit.py): a Streamlit page with
one Plotly bar chart of 20 points and nothing else, served by plain `streamlit run`."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

st.title("Floor")
st.plotly_chart(go.Figure(go.Bar(x=list(range(20)), y=list(range(20)))), key="floor_chart")
