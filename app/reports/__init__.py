"""The tertial and annual business report: drafts from evidence, edits, exports."""
