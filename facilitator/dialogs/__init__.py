"""Provides the modal dialogs of the app, each returning a value."""
