"""Development tools (not installed in production): ``seed_scale``, ``bench_reports``."""
