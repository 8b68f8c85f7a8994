"""What leaves the app: tables, safe text, the export, spreadsheets, the briefing, PDF."""
