"""The data feed (data contract, section 9): `/api/v1/datasets` and every export sheet as
CSV and JSON, served by the st.App of dashboard/server.py (dashboard/feed/routes.py)."""
