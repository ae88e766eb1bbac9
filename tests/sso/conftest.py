from tests.sso.oidc import (  # noqa: F401 (fixtures)
    identity_providers,
    oidc_providers,
)
