"""The one exception a CLI command raises for bad input: printed as one line, exit 2."""


class CliError(Exception):
    exit_code = 2
