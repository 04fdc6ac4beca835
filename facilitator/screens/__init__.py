"""Provides the app's screens: the main meeting screen, one pane per phase, and help."""
