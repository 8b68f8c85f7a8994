"""Who may do what: roles from the sign-in, sign-ins that end, and the server's guard in front of
Streamlit's own endpoints (uploads, downloads, status)."""
