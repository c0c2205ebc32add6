"""Every staff form bounds the work one save can ask for (issue 30).

Each form is posted with every field whose size sets the work of a save at a hundred
times its limit: the answer is the form again, with a message on each of those fields,
nothing saved, and a number of queries that does not grow with what was sent. Two article
saves with 10,000 new topics each once held both workers of an app server for 50 s, and a
topic of 101 characters answered 500 (DataError) on PostgreSQL.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article, Event, Partner, Speaker, Status
from newsroom import limits
from tests import factories as f
from tests.admin.forms import change_url, messages_of, workflow_url
from units.models import StaffProfile, WorkUnit

pytestmark = pytest.mark.django_db

TIMES = 100
# What rendering an admin form with its errors costs, whatever was posted.
QUERY_BOUND = 60


def ids(limit):
    return [str(n) for n in range(1, limit * TIMES + 1)]


def text(limit):
    return "x" * (limit * TIMES)


def rows(data, prefix, limit):
    data[f"{prefix}-TOTAL_FORMS"] = [str(limit * TIMES)]


def form_errors(response):
    """Messages by field of the admin form, and of each inline table under its prefix."""
    found = {name: list(errs) for name, errs in response.context["adminform"].form.errors.items()}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        if formset.non_form_errors():
            found[formset.prefix] = list(formset.non_form_errors())
    return found


def prefix_of(data, model_hint):
    return next(
        key.removesuffix("-TOTAL_FORMS")
        for key in data
        if key.endswith("-TOTAL_FORMS") and model_hint in key
    )


def post_oversized(client, url, oversize, django_assert_max_num_queries):
    data = f.admin_form_data(client.get(url))
    for name, value in oversize.items():
        if name.endswith("-TOTAL_FORMS"):
            data[name] = value
        else:
            data[name] = value if isinstance(value, list) else [value]
    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.post(url, data)
    assert response.status_code == 200
    return form_errors(response)


def expect_each(errors, names):
    missing = [name for name in names if not errors.get(name)]
    assert not missing, f"no message on {missing}; messages: {errors}"


@pytest.fixture
def big_requests(settings):
    """The request-size caps lifted, so the fields' own limits are what answers (the caps
    have their own test: test_oversized_forms)."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = None


def test_article_form_at_a_hundred_times_every_limit(
    client, team, big_requests, django_assert_max_num_queries
):
    client.force_login(team["writer"])
    url = reverse("admin:articles_article_add")
    oversize = {
        "tags": ", ".join(f"topik {n}" for n in range(limits.MAX_TAGS * TIMES)),
        "related_units": ids(limits.MAX_CHOICES),
        "speakers": ids(limits.MAX_CHOICES),
        "lead": text(limits.MAX_TEXT_CHARS),
        "body": text(limits.MAX_BODY_CHARS),
    }
    errors = post_oversized(client, url, oversize, django_assert_max_num_queries)
    expect_each(errors, oversize)
    assert not Article.objects.exists()


def test_published_article_corrections_at_a_hundred_times(
    client, team, big_requests, django_assert_max_num_queries
):
    article = f.article(owner=team["unit"])
    client.force_login(team["editor"])
    url = change_url(article)
    data = f.admin_form_data(client.get(url))
    prefix = prefix_of(data, "correction")
    oversize = {f"{prefix}-TOTAL_FORMS": [str(limits.MAX_INLINE_ROWS * TIMES)]}
    errors = post_oversized(client, url, oversize, django_assert_max_num_queries)
    expect_each(errors, [prefix])


def test_event_form_at_a_hundred_times_every_limit(
    client, team, big_requests, django_assert_max_num_queries
):
    client.force_login(team["writer"])
    url = reverse("admin:articles_event_add")
    prefix = prefix_of(f.admin_form_data(client.get(url)), "speaker")
    oversize = {
        "organisers": ids(limits.MAX_CHOICES),
        "partners": ids(limits.MAX_CHOICES),
        "participating_units": ids(limits.MAX_CHOICES),
        "description": text(limits.MAX_TEXT_CHARS),
        f"{prefix}-TOTAL_FORMS": [str(limits.MAX_INLINE_ROWS * TIMES)],
    }
    errors = post_oversized(client, url, oversize, django_assert_max_num_queries)
    expect_each(errors, ["organisers", "partners", "participating_units", "description", prefix])
    assert not Event.objects.exists()


def test_speaker_form_at_a_hundred_times_every_limit(
    client, team, big_requests, django_assert_max_num_queries
):
    client.force_login(team["writer"])
    url = reverse("admin:articles_speaker_add")
    prefix = prefix_of(f.admin_form_data(client.get(url)), "link")
    oversize = {
        "name": "Narasumber",
        "bio": text(limits.MAX_TEXT_CHARS),
        f"{prefix}-TOTAL_FORMS": [str(limits.MAX_INLINE_ROWS * TIMES)],
    }
    errors = post_oversized(client, url, oversize, django_assert_max_num_queries)
    expect_each(errors, ["bio", prefix])
    assert not Speaker.objects.exists()


def test_partner_and_topic_forms_refuse_names_past_their_columns(
    client, team, big_requests, django_assert_max_num_queries
):
    client.force_login(f.user(is_superuser=True))
    for url, names in [
        (reverse("admin:articles_partner_add"), ["name", "abbreviation"]),
        (reverse("admin:articles_topic_add"), ["name", "slug"]),
    ]:
        oversize = {name: text(200) for name in names}
        errors = post_oversized(client, url, oversize, django_assert_max_num_queries)
        expect_each(errors, names)
    assert not Partner.objects.exists()


def test_work_unit_form_at_a_hundred_times(client, big_requests, django_assert_max_num_queries):
    client.force_login(f.user(is_superuser=True))
    url = reverse("admin:units_workunit_add")
    oversize = {"description": text(limits.MAX_TEXT_CHARS), "name": text(200)}
    errors = post_oversized(client, url, oversize, django_assert_max_num_queries)
    expect_each(errors, oversize)
    assert not WorkUnit.objects.exists()


def test_account_forms_at_a_hundred_times_every_limit(
    client, big_requests, django_assert_max_num_queries
):
    admin = f.user(is_superuser=True)
    colleague = f.user("sari")
    client.force_login(admin)

    url = reverse("admin:auth_user_change", args=[colleague.pk])
    data = f.admin_form_data(client.get(url))
    prefix = prefix_of(data, "staff_profile")
    oversize = {
        "groups": ids(limits.MAX_CHOICES),
        "user_permissions": ids(limits.MAX_PERMISSIONS),
        f"{prefix}-0-units": ids(limits.MAX_CHOICES),
    }
    response_errors = post_oversized(client, url, oversize, django_assert_max_num_queries)
    expect_each(response_errors, ["groups", "user_permissions"])
    assert not colleague.user_permissions.exists()

    url = reverse("admin:auth_group_add")
    errors = post_oversized(
        client,
        url,
        {"name": "Peran baru", "permissions": ids(limits.MAX_PERMISSIONS)},
        django_assert_max_num_queries,
    )
    expect_each(errors, ["permissions"])
    assert not Group.objects.filter(name="Peran baru").exists()

    url = reverse("admin:units_staffprofile_add")
    loner = f.user("tanpa-profil")
    StaffProfile.objects.filter(user=loner).delete()
    errors = post_oversized(
        client,
        url,
        {"user": str(loner.pk), "units": ids(limits.MAX_CHOICES)},
        django_assert_max_num_queries,
    )
    expect_each(errors, ["units"])
    assert not StaffProfile.objects.filter(user=loner).exists()


def test_staff_profile_units_inline_is_bounded(client, big_requests):
    admin = f.user(is_superuser=True)
    colleague = f.user("sari")
    client.force_login(admin)
    url = reverse("admin:auth_user_change", args=[colleague.pk])
    data = f.admin_form_data(client.get(url))
    prefix = prefix_of(data, "staff_profile")
    data[f"{prefix}-0-units"] = ids(limits.MAX_CHOICES)

    response = client.post(url, data)

    assert response.status_code == 200
    inline = next(
        i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == prefix
    )
    assert inline.forms[0].errors["units"]


def test_workflow_comment_at_a_hundred_times_is_refused_with_the_reason(client, team):
    item = f.article(status=Status.IN_REVIEW, owner=team["unit"])
    client.force_login(team["editor"])

    response = client.post(
        workflow_url(item),
        {"action": "send_back", "version": item.version, "comment": text(limits.MAX_TEXT_CHARS)},
    )

    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    [message] = messages_of(response)
    assert "20000" in message.replace(".", "")


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ("a" * (limits.MAX_TAG_LENGTH + 1), "paling panjang"),
        (", ".join(f"topik {n}" for n in range(limits.MAX_TAGS + 1)), "Paling banyak"),
    ],
    ids=["long", "many"],
)
def test_one_topic_too_long_or_one_too_many_is_a_message_on_the_field(client, team, tags, message):
    """A 101-character topic answered 500 on PostgreSQL (the column holds 100)."""
    client.force_login(team["writer"])
    article = f.article(status=Status.DRAFT, owner=team["unit"], created_by=team["writer"])
    data = f.admin_form_data(client.get(change_url(article)))
    data["tags"] = [tags]

    response = client.post(change_url(article), data)

    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["tags"]
    assert message in error
    assert not article.tags.exists()


def test_topics_within_the_limits_are_saved(client, team):
    client.force_login(team["writer"])
    article = f.article(status=Status.DRAFT, owner=team["unit"], created_by=team["writer"])
    data = f.admin_form_data(client.get(change_url(article)))
    names = [f"topik {n}" for n in range(limits.MAX_TAGS - 1)] + ["b" * limits.MAX_TAG_LENGTH]
    data["tags"] = [", ".join(names)]

    response = client.post(change_url(article), data)

    assert response.status_code == 302
    assert sorted(article.tags.names()) == sorted(names)


LIST_URLS = [
    "/admin/articles/article/?unit__id__in=" + ",".join(ids(limits.MAX_FILTER_VALUES)),
    "/admin/articles/event/?" + "&".join(f"kind={n}" for n in range(limits.MAX_FILTER_VALUES * 2)),
    "/admin/articles/speaker/?"
    + "&".join(f"f{n}=1" for n in range(limits.MAX_QUERY_PARAMS * TIMES)),
    "/admin/articles/article/?q=" + text(limits.MAX_SEARCH_CHARS),
    "/admin/articles/article/?section=" + text(limits.MAX_QUERY_VALUE_CHARS),
]


@pytest.mark.parametrize(
    "url", LIST_URLS, ids=["in-list", "repeated", "many-params", "long-q", "long-value"]
)
def test_list_filters_past_their_limits_show_the_list_with_the_reason(
    client, url, django_assert_max_num_queries
):
    client.force_login(f.user(is_superuser=True))

    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(url, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[0][0].endswith("?e=1")
    assert any("paling banyak" in message for message in messages_of(response))


def test_a_long_but_ordinary_list_address_carried_by_a_change_form_is_kept(client):
    """The list's address rides along as one value longer than any single filter may be."""
    client.force_login(f.user(is_superuser=True))
    article = f.article()
    filters = "&".join(
        [f"q={'kunjungan kerja menteri ' * 20}", "section=berita", "status=published"]
        + [f"o={n}" for n in range(5)]
    )
    assert len(filters) > limits.MAX_QUERY_VALUE_CHARS

    response = client.get(change_url(article), {"_changelist_filters": filters})

    assert response.status_code == 200
    assert not messages_of(response)


OUR_APPS = {"articles", "units", "auth", "outreach"}


def test_every_staff_admin_and_inline_table_is_bounded():
    from django.contrib import admin

    registered = [
        model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in OUR_APPS
    ]
    assert len(registered) >= 10
    unbounded = [
        type(m).__name__ for m in registered if not isinstance(m, limits.BoundedInputAdminMixin)
    ]
    assert not unbounded
    inlines = [inline for m in registered for inline in m.inlines]
    assert inlines and all(issubclass(inline, limits.BoundedInlineMixin) for inline in inlines)


def test_a_list_action_on_a_hundred_times_its_limit_is_refused_with_the_reason(client, team):
    drafts = [f.article(status=Status.DRAFT, owner=team["unit"]) for _ in range(3)]
    client.force_login(team["writer"])
    selected = [str(d.pk) for d in drafts] + ids(limits.MAX_SELECTED_ROWS)
    url = reverse("admin:articles_article_changelist")

    response = client.post(
        url, {"action": "submit_selected", "_selected_action": selected}, follow=True
    )

    assert response.status_code == 200
    assert any("paling banyak untuk 200 baris" in m for m in messages_of(response))
    assert not Article.objects.exclude(status=Status.DRAFT).exists()


def test_select_all_past_the_limit_is_refused_and_within_it_works(client, team, monkeypatch):
    monkeypatch.setattr(limits, "MAX_SELECTED_ROWS", 2)
    drafts = [f.article(status=Status.DRAFT, owner=team["unit"]) for _ in range(3)]
    client.force_login(team["writer"])
    url = reverse("admin:articles_article_changelist")
    data = {"action": "submit_selected", "_selected_action": [str(drafts[0].pk)]}

    client.post(url, {**data, "select_across": "1"})
    assert not Article.objects.exclude(status=Status.DRAFT).exists()

    client.post(url, data)
    assert Article.objects.get(pk=drafts[0].pk).status == Status.IN_REVIEW
