"""Time each report type on the demo data. Measures; asserts nothing."""

import time

from django.core.management.base import BaseCommand

from portal.reports import registry
from portal.reports.services import pdf_document
from portal.reports.services import render_report_html


class Command(BaseCommand):
    help = "Render every registered report type once per language and print the timings."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=3)

    def handle(self, *args, repeat: int, **options):
        self.stdout.write("| report | language | pages | KB | median ms |")
        self.stdout.write("|---|---|---:|---:|---:|")
        for key, report_type in sorted(registry.REPORT_TYPES.items()):
            object_id = report_type.sample()
            if object_id is None:
                self.stdout.write(f"| {key} | – | – | – | no demo object |")
                continue
            obj = report_type.load(object_id)
            for language in ("ky", "ru"):
                timings, pdf, pages = [], b"", 0
                for _ in range(repeat):
                    start = time.perf_counter()
                    html = render_report_html(report_type, obj, language=language)
                    document = pdf_document(html)
                    pdf = document.write_pdf()
                    timings.append((time.perf_counter() - start) * 1000)
                    pages = len(document.pages)
                median = sorted(timings)[len(timings) // 2]
                self.stdout.write(
                    f"| {key} | {language} | {pages} | {len(pdf) // 1024} | {median:.0f} |"
                )
