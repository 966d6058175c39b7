"""Klasse Desktop: the social-media protocol of Stichting Klasse as answers."""

__version__ = "0.1.0"
