from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Development-only commands: the national-scale data generator and the benchmarks.

    Installed by the local (demo) and test settings, never by production: a production
    deployment has no ``seed_scale`` or ``bench_reports`` command to run by mistake.
    """

    name = "devtools"
