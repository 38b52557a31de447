"""Every page carries a strict Content Security Policy (django-csp; the policy: settings.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/password/reset/",
        "/invitations/no-such-token/",
        "/p/no-such-production/",
    ],
)
def test_public_pages_and_errors_carry_the_policy(client, path):
    policy = directives(client.get(path))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]


def test_member_pages_carry_the_policy(ap_client, production):
    url = reverse("productions:dashboard", kwargs={"production_slug": production.slug})
    policy = directives(ap_client.get(url))
    assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src-elem"]
    assert "'unsafe-eval'" not in policy["script-src"]


def test_a_print_view_style_block_carries_the_request_nonce(ap_client, production):
    from tests.vendors.factories import VendorFactory, purchase_order

    po = purchase_order(VendorFactory(production=production), "100.00")
    url = reverse("vendors:po_pdf", kwargs={"production_slug": production.slug, "pk": po.pk})
    response = ap_client.get(url + "?print=1")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}">' in response.content.decode()
    again = ap_client.get(url + "?print=1")["Content-Security-Policy"]
    assert f"'nonce-{nonce}'" not in again  # a fresh nonce per response


def test_templates_have_no_inline_script_handler_or_javascript_url():
    """The policy forbids them; a browser would silently ignore them."""
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{template}: inline <script>")
        if re.search(r"\son[a-z]+\s*=", text):
            offenders.append(f"{template}: on* handler")
        if "javascript:" in text:
            offenders.append(f"{template}: javascript: URL")
        if re.search(r"<style(?![^>]*nonce=)", text):
            offenders.append(f"{template}: <style> without the nonce")
    assert offenders == []


def test_htmx_may_not_inject_styles_or_eval():
    base = (TEMPLATES / "base.html").read_text()
    assert '"includeIndicatorStyles": false' in base and '"allowEval": false' in base
