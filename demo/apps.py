from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Only for the ``load_demo`` and ``generate_synthetic`` commands; no models."""

    name = "demo"
    verbose_name = "Demo content"
