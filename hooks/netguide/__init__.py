"""The networking guide's logic: load and validate the knowledge base, build pages from it.

Nothing here imports MkDocs: the hooks in ../ are thin adapters, so this package can
move to another generator unchanged.
"""
