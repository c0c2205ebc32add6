"""Media in an S3 bucket: uploads, renditions, deletions, rebuilds, feeds and og:image.

Against moto's S3 server on loopback, through django-storages and boto3 as in production.
"""

import uuid

import boto3
import feedparser
import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.images.storage import create_image, rebuild_renditions, stored_names
from newsroom.backup import media_names
from newsroom.storage import media_storage
from tests import factories as f

pytestmark = pytest.mark.django_db
PUBLIC = "https://media.example.go.id/berita"


@pytest.fixture
def bucket(s3_server, settings):
    name = f"newsroom-{uuid.uuid4().hex[:8]}"
    environ = {
        "MEDIA_S3_BUCKET": name,
        "MEDIA_S3_ENDPOINT_URL": s3_server,
        "MEDIA_S3_REGION": "us-east-1",
        "MEDIA_S3_ACCESS_KEY_ID": "test",
        "MEDIA_S3_SECRET_ACCESS_KEY": "test",
        "MEDIA_S3_PUBLIC_URL": PUBLIC,
    }
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    client.create_bucket(Bucket=name)
    storage, media_url = media_storage(environ)
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.MEDIA_URL = media_url

    def keys():
        listed = client.list_objects_v2(Bucket=name)
        return {item["Key"]: item["Size"] for item in listed.get("Contents", [])}

    return keys


def test_upload_writes_original_and_renditions_to_the_bucket(bucket):
    image = create_image(f.image_upload(size=(1000, 700)), alt_text="Rapat koordinasi")
    names = stored_names(image)
    assert len(names) > 5
    assert set(names) <= set(bucket())
    assert image.file.url.startswith(PUBLIC + "/images/")
    assert sorted(media_names()) == sorted(bucket())


def test_rebuild_and_delete_remove_their_files_from_the_bucket(
    bucket, django_capture_on_commit_callbacks
):
    image = create_image(f.image_upload(size=(1000, 700)))
    before = set(stored_names(image))
    with django_capture_on_commit_callbacks(execute=True):
        rebuild_renditions(image)
    after = set(stored_names(image))
    assert image.file.name in after
    assert set(bucket()) == after  # the old renditions are gone, the new ones there
    assert before - {image.file.name} and not (before - {image.file.name}) & after

    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_renditions", str(image.pk), stdout=None)
    image.refresh_from_db()
    assert set(bucket()) == set(stored_names(image))

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert bucket() == {}


def test_feed_enclosure_and_og_image_point_at_the_bucket(bucket, client):
    image = create_image(f.image_upload(size=(1400, 900)), alt_text="Pelatihan guru")
    article = f.article(featured_image=image)
    sizes = bucket()

    feed = feedparser.parse(client.get(reverse("syndication:rss")).content)
    (enclosure,) = feed.entries[0].enclosures
    bounded = image.renditions["w960.jpg"]["name"]  # never the original upload
    assert enclosure.href == f"{PUBLIC}/{bounded}"
    assert int(enclosure.length) == sizes[bounded]

    page = client.get(article.get_absolute_url()).content.decode()
    social = image.renditions["social.jpg"]["name"]
    assert f'<meta property="og:image" content="{PUBLIC}/{social}">' in page
    assert f'src="{PUBLIC}/images/renditions/' in page
