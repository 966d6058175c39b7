"""The one exception a CLI command raises for bad input (printed as one line, exit 2),
and the words for a file or folder a command could not use."""

import errno

from klasse_desktop.i18n import _


class CliError(Exception):
    exit_code = 2


def os_message(exc: OSError) -> str:
    """A file or folder the command could not use, in the user's language: the
    system's own text ("Permission denied") is English whatever the language."""
    path = str(exc.filename) if exc.filename else _("a file of Klasse Desktop")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("This user may not write to {path}. The command was stopped.").format(path=path)
    if exc.errno == errno.ENOSPC:
        return _("The disk is full ({path}). The command was stopped; make room and try "
                 "again.").format(path=path)  # fmt: skip
    if exc.errno == errno.EROFS:
        return _("{path} is on a drive that cannot be written. The command was "
                 "stopped.").format(path=path)  # fmt: skip
    if exc.errno == errno.ENOENT:
        return _("{path} was not found. The command was stopped.").format(path=path)
    return _("{path} could not be used ({reason}). The command was stopped.").format(
        path=path, reason=exc.strerror or type(exc).__name__
    )
