"""Screens of the editor: the main editing screen and its prompts."""
