"""The audit log: who changed what, kept for every state change."""
