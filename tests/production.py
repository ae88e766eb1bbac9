"""What production mode needs besides its services, for tests that start a
process in production mode (config.env.check_production refuses it otherwise)."""

SITE = {
    "SITE_BASE_URL": "https://skills.example.be",
    "DEFAULT_FROM_EMAIL": "Compétences numériques <noreply@skills.example.be>",
}
