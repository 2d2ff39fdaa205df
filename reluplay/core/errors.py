"""The core's error for a network that cannot be built or fed as asked."""


class NetworkError(ValueError):
    """A network that cannot be built as asked (bad shape, unknown activation, limits)."""
