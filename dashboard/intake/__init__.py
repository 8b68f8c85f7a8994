"""Data coming in: readers, the upload, the template, validation, the sample generator."""
