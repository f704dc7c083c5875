"""Merging duplicate officials, organizations and documents, and finding likely duplicates."""
