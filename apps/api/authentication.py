"""Who is calling: a personal access token (`Authorization: Bearer pd_...`), or the browser's
session for a person trying the API from the reference page.

A request with a token that is unknown, revoked or expired is refused with 401 at once, even if
a session would also sign it in: a script must learn that its token stopped working.
"""

from __future__ import annotations

from rest_framework import authentication, exceptions

from apps.accounts.tokens import token_check

BAD_TOKEN = "This token is not valid: it is unknown, revoked or expired."  # noqa: S105 - a message
BAD_HEADER = "Send the token as `Authorization: Bearer <token>`."


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(BAD_HEADER)
        token = token_check(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed(BAD_TOKEN)
        return token.user, token

    def authenticate_header(self, request) -> str:
        # Makes an unauthenticated request's answer 401 (with this header), not 403.
        return f'{self.keyword} realm="api"'
