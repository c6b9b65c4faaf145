"""tui: the command line and the Textual editor — the top layer, which may import all others."""
