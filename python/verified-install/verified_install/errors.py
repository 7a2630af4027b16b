"""The one exception a refusal raises: its message names the file and what was wrong."""


class VerificationError(Exception):
    """The index, a file of it, or the trust state failed a check; nothing was installed or saved."""


class FetchError(VerificationError):
    """A file could not be read (network, size cap, missing)."""
