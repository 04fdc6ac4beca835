"""Provides the performance suite run by `make bench` (bench/run.py)."""
