"""A real OpenID Connect provider for the sign-in test (tests/browser/test_signin.py):
oidc-provider-mock's Flask app served by werkzeug on 127.0.0.1, on a free port.

    python -m tests.oidc_provider USERS_JSON

USERS_JSON: [{"sub": "ana", "claims": {"email": ..., "groups": [...]}}, ...]; each user is
a button of the provider's authorize form, and their claims go into the ID token.
Prints `OIDC provider http://localhost:PORT` once it listens (the test waits on that
line; clients use `localhost`, as the redirect URIs and cookies do), then serves until
it is terminated.
"""

from __future__ import annotations

import json
import os
import sys

import oidc_provider_mock
import werkzeug.serving


def main(users_json: str) -> None:
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain http on this machine only
    users = [oidc_provider_mock.User(sub=u["sub"], claims=u["claims"])
             for u in json.loads(users_json)]
    app = oidc_provider_mock.app(user_claims=users)
    server = werkzeug.serving.make_server("127.0.0.1", 0, app, threaded=True)
    print(f"OIDC provider http://localhost:{server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
