"""The PySide6 user interface: the only package that imports Qt.

Views render what the domain (`klasse_desktop.protocol`, later `cases` and
`reports`) decides; they never decide anything themselves.
"""
