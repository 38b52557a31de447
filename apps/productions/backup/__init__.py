"""Back up one production to a single archive and restore it into another installation.

See README ("Backup and restore") for the commands and archive.py for the format.
"""
