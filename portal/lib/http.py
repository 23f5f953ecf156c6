"""What a request says about its sender."""


def client_ip(request):
    """The client's address as the server sees it ("-" without a request)."""
    if request is None:
        return "-"
    return request.META.get("REMOTE_ADDR", "-")
