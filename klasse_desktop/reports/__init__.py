"""PDF documents: dossier reports for a case, and the advice record of one outcome.

ReportLab (platypus) only; imported when the user first exports, never at start.
"""
