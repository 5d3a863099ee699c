"""Login and password-reset throttling behind the reverse proxy: attackers are stopped, the
principal at another address is not locked out."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from config.client_ip import client_ip
from participants.models import PasswordResetRequest

PROXY = "127.0.0.1"
ATTACKER = "198.51.100.66"
PRINCIPAL_HOME = "203.0.113.9"
NOW = datetime.datetime(2023, 3, 21, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _pinned_clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _client_at(address: str, *, forged: str = "") -> Client:
    """A browser at `address`, as the proxy forwards it (the proxy appends what it saw)."""
    forwarded = f"{forged}, {address}" if forged else address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def _login(client: Client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def _logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("dashboard")


def test_client_address_is_the_one_the_proxy_appended(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"10.9.9.9, {ATTACKER}")
    assert client_ip(request) == ATTACKER
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "10.9.9.9"
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == PROXY


def test_a_forged_or_garbled_header_falls_back_to_the_socket_address(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-ip")) == PROXY
    assert client_ip(rf.get("/", REMOTE_ADDR=PROXY)) == PROXY


def test_attacker_at_one_address_cannot_lock_out_the_principal_at_another(principal):
    attacker = _client_at(ATTACKER)
    for _ in range(5):
        response = _login(attacker, "principal", "wrong-password")
        assert not _logged_in(response)
    # The attacker is locked out, even with the right password...
    locked = _login(attacker, "principal", "correct-horse-battery")
    assert locked.status_code == 429
    assert not _logged_in(locked)
    # ...and cannot escape by forging X-Forwarded-For: the proxy appends the real address.
    assert _login(_client_at(ATTACKER, forged=PRINCIPAL_HOME), "principal", "x").status_code == 429
    # The principal, at home, logs in at once.
    assert _logged_in(_login(_client_at(PRINCIPAL_HOME), "principal", "correct-horse-battery"))


def test_a_few_passwords_across_many_usernames_lock_the_address(principal, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    attacker = _client_at(ATTACKER)
    for n in range(5):
        assert _login(attacker, f"user{n}", "Summer2023!").status_code == 200
    # The sixth failure, on a sixth username, locks the address...
    assert _login(attacker, "user5", "Summer2023!").status_code == 429
    # ...so even the right password for a real username is refused from there.
    assert _login(attacker, "principal", "correct-horse-battery").status_code == 429
    assert _logged_in(_login(_client_at(PRINCIPAL_HOME), "principal", "correct-horse-battery"))


def test_lockout_ends_after_the_cool_off(principal, _pinned_clock):
    attacker = _client_at(ATTACKER)
    for _ in range(5):
        _login(attacker, "principal", "wrong-password")
    assert _login(attacker, "principal", "correct-horse-battery").status_code == 429
    _pinned_clock.shift(datetime.timedelta(minutes=16))
    assert _logged_in(_login(attacker, "principal", "correct-horse-battery"))


def test_password_reset_is_limited_per_address_and_per_email(principal, settings):
    principal.email = "principal@example.org"
    principal.save()
    settings.PASSWORD_RESET_ADDRESS_LIMIT = 5
    settings.PASSWORD_RESET_EMAIL_LIMIT = 3
    client = _client_at(ATTACKER)
    url = reverse("password_reset")
    answers = [client.post(url, {"email": "principal@example.org"}) for _ in range(5)]
    assert [a.status_code for a in answers] == [302] * 5
    # Three e-mails, then the same answer with nothing sent.
    assert len(mail.outbox) == 3
    refused = client.post(url, {"email": "someone@example.org"})
    assert refused.status_code == 429
    assert "Too many reset requests" in refused.content.decode()
    assert PasswordResetRequest.objects.count() == 5
    # Another address may still ask for its own reset, but the principal's inbox stays at three.
    other = _client_at(PRINCIPAL_HOME)
    assert other.post(url, {"email": "principal@example.org"}).status_code == 302
    assert len(mail.outbox) == 3


def test_a_username_longer_than_the_attempt_log_holds_is_a_failed_login(db):
    from axes.models import AccessAttempt

    response = _login(_client_at("198.51.100.77"), "x" * 1000, "wrong password")
    assert response.status_code == 200
    assert not _logged_in(response)
    attempt = AccessAttempt.objects.get(ip_address="198.51.100.77")
    assert attempt.username == "x" * 255
