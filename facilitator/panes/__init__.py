"""Provides the five phase panes, on one base class."""
