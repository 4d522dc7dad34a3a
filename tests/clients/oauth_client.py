"""A marketplace's server as it would be written: Authlib's OAuth2 client gets a token with
client credentials (in the form and as HTTP Basic), and a wrong secret raises Authlib's own
OAuthError with `invalid_client`, never a token.
Usage: python tests/clients/oauth_client.py BASE_URL
"""
import sys

from authlib.integrations.httpx_client import OAuth2Client
from authlib.integrations.base_client.errors import OAuthError

BASE = sys.argv[1]
TOKEN_URL = BASE + "/api/v1/auth/token"
CLIENT_ID = "bazaar-bangla-demo"
SECRET = "demo-partner-secret-bazaar-bangla"

for method in ("client_secret_post", "client_secret_basic"):
    with OAuth2Client(CLIENT_ID, SECRET, token_endpoint_auth_method=method) as client:
        token = client.fetch_token(TOKEN_URL, grant_type="client_credentials")
        assert token["token_type"] == "Bearer", token
        listed = client.get(BASE + "/api/v1/complaints?limit=1")
        assert listed.status_code == 200, listed.text
    with OAuth2Client(CLIENT_ID, "not-the-secret", token_endpoint_auth_method=method) as client:
        try:
            client.fetch_token(TOKEN_URL, grant_type="client_credentials")
        except OAuthError as error:
            assert error.error == "invalid_client", error
        else:
            raise SystemExit(f"{method}: a wrong secret was taken for a token")
print("Authlib: client credentials by form and Basic give tokens; a wrong secret is invalid_client")
