"""Where snapshots live: manifests, scan, publish, object storage, the audit log."""
