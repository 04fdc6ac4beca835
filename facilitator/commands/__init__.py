"""Provides the headless subcommands (check, export, new, import-timeline); none imports textual.

Each module has one ``run(argv) -> int``; `facilitator.cli` picks it by name.
"""
