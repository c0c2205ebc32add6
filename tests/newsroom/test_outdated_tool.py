"""`make outdated` keeps to the project's own dependencies and reads their ranges right."""

from tools import outdated


def test_every_dependency_of_pyproject_is_known_by_its_canonical_name():
    declared = outdated.declared()

    assert declared["django"] == ("runtime", "Django>=5.2,<5.3")
    assert declared["psycopg2-binary"][0] == "runtime"
    assert declared["pytest-django"][0] == "dev"
    assert outdated.canonical("Django_Tasks.DB") == "django-tasks-db"
    # What the dependencies pull in is not the project's to keep.
    assert "sqlparse" not in declared


def test_a_latest_release_past_the_cap_is_told_apart_from_one_within_it():
    assert outdated.allows("gunicorn>=23,<24", "23.1.0")
    assert not outdated.allows("gunicorn>=23,<24", "27.0.1")
