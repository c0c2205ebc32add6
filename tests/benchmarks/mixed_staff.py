"""The staff side of the mixed bench (mixed_bench.py): a writer saving a draft every
WRITE_EVERY seconds and a publisher publishing a new article every PUBLISH_EVERY seconds,
through the model and the workflow as the admin would, until stopped (SIGTERM).

Prints one line per action ("draft <n> <unix time>", "publish <slug> <unix time>").
Run with the cached stack's environment, so its writes reach the same cache.
"""

import os
import signal
import sys
import time

import django

WRITE_EVERY = float(os.environ.get("BENCH_WRITE_EVERY", "5"))
PUBLISH_EVERY = float(os.environ.get("BENCH_PUBLISH_EVERY", "60"))


def main():
    django.setup()
    from django.contrib.auth import get_user_model  # noqa: PLC0415 - after setup

    from articles import workflow  # noqa: PLC0415
    from articles.models import Article, Status  # noqa: PLC0415
    from units.roles import PUBLISHER  # noqa: PLC0415

    publisher = get_user_model().objects.filter(groups__name=PUBLISHER).first()
    unit = Article.objects.published().first().unit
    draft = Article.objects.create(
        title="Draf bench", slug=f"draf-bench-{int(time.time())}", lead="Draf.",
        body="<p>Draf.</p>", unit=unit, status=Status.DRAFT,
    )  # fmt: skip
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    started = time.monotonic()
    saves = publishes = 0
    while not stopping:
        now = time.monotonic() - started
        if now >= publishes * PUBLISH_EVERY + PUBLISH_EVERY / 2:
            publishes += 1
            item = Article.objects.create(
                title=f"Kabar bench {publishes} {int(time.time())}",
                slug=f"kabar-bench-{publishes}-{int(time.time())}",
                lead="Kabar terbaru dari bench.", body="<p>Isi kabar.</p>",
                unit=unit, section="berita", status=Status.APPROVED,
            )  # fmt: skip
            workflow.publish(item, publisher)
            print(f"publish {item.slug} {time.time():.3f}", flush=True)
        if now >= saves * WRITE_EVERY:
            saves += 1
            draft.lead = f"Draf versi {saves}."
            draft.save()
            print(f"draft {saves} {time.time():.3f}", flush=True)
        time.sleep(0.2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
