"""Deployment helpers kept outside the app package (docs/deploy.md)."""
