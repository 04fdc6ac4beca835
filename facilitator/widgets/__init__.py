"""Provides the reusable widgets of the facilitator app."""
