"""Single sign-on: people of an organisation sign in through its OpenID Connect
provider (django-allauth's ``openid_connect``, one SocialApp per provider).

Above ``learners``. The link to an organisation is one seam,
``services.join_organisation_of``, called on a person's first sign-in.
"""
