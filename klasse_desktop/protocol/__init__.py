"""The protocol and its decision wizards: data models, loader/validator, engine.

Plain Python only (no Qt, no database): the UI and the CLI both render what
this package decides.
"""
