"""The test command's Redis pass really runs on Redis (scripts/test.sh sets TEST_REDIS_URL):
the cache and the django-q2 broker that the other tests of that pass exercise."""

import os

import pytest

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_REDIS_URL"), reason="TEST_REDIS_URL is not set (Redis pass only)"
)


def test_cache_is_redis():
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]

    assert isinstance(cache, RedisCache)
    cache.set("redis-pass-probe", "应急", 30)
    client = cache._cache.get_client("redis-pass-probe")
    assert client.exists(cache.make_and_validate_key("redis-pass-probe")) == 1
    assert cache.get("redis-pass-probe") == "应急"


def test_broker_is_redis():
    from django_q.brokers import get_broker
    from django_q.brokers.redis_broker import Redis

    broker = get_broker()
    assert isinstance(broker, Redis)
    assert broker.ping()
