"""The one application error services raise; the API turns it into its error shape."""


class ApplicationError(Exception):
    """A refusal with a stable machine code, an HTTP status and a translated message."""

    def __init__(
        self, code: str, message, *, status: int = 400, fields=None, retry_after=None
    ):
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.status = status
        self.fields = fields
        # Seconds before trying again is worth it (429): sent as Retry-After.
        self.retry_after = retry_after

    @classmethod
    def invalid_field(cls, field: str, message) -> "ApplicationError":
        """400 `invalid` for one field, its error the message itself."""
        return cls("invalid", message, fields={field: [message]})
