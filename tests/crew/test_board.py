"""The hiring board: candidates move by button or by drop (the same action); CVs are checked by
content and size and served only to members."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.crew.models import Candidate, MemoState, Person, Stage
from apps.crew.services import HIRED_NEEDS_ACCEPTED_MEMO
from apps.crew.validators import CV_TOO_BIG, CV_WRONG_TYPE
from tests.crew.factories import CandidateFactory, DealMemoFactory, OpeningFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes(member: str = "word/document.xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<w:document/>")
    return buffer.getvalue()


def url(name: str, production, **kwargs) -> str:
    return reverse(f"crew:{name}", kwargs={"production_slug": production.slug, **kwargs})


@pytest.fixture
def candidate(production):
    return CandidateFactory(opening__position__department__production=production)


def test_the_board_shows_each_candidate_in_its_stage_column(ap_client, candidate):
    response = ap_client.get(url("board", candidate.production, pk=candidate.opening_id))
    columns = {stage: cards for stage, _, cards in response.context["columns"]}
    assert columns[Stage.APPLIED] == [candidate]
    assert list(columns) == [s.value for s in Stage]


def test_adding_a_candidate_finds_or_creates_the_person_by_e_mail(ap_client, production):
    opening = OpeningFactory(position__department__production=production)
    page = url("candidate_add", production, pk=opening.pk)
    ap_client.post(page, {"name": "Mo Ahmed", "email": "Mo@Example.test"})
    other = OpeningFactory(position=opening.position)
    ap_client.post(
        url("candidate_add", production, pk=other.pk), {"name": "M", "email": "mo@example.test"}
    )
    assert Person.objects.get().email == "mo@example.test"
    assert Candidate.objects.count() == 2


def test_the_move_button_moves_a_card(ap_client, candidate):
    response = ap_client.post(
        url("candidate_move", candidate.production, pk=candidate.pk), {"stage": "shortlisted"}
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.stage == Stage.SHORTLISTED


def test_a_drop_posts_the_same_action_and_gets_json(ap_client, candidate):
    response = ap_client.post(
        url("candidate_move", candidate.production, pk=candidate.pk),
        {"stage": "interview"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {"stage": "interview"}
    candidate.refresh_from_db()
    assert candidate.stage == Stage.INTERVIEW


def test_hired_comes_from_an_accepted_memo_not_a_drag(ap_client, candidate):
    response = ap_client.post(
        url("candidate_move", candidate.production, pk=candidate.pk),
        {"stage": "hired"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"error": HIRED_NEEDS_ACCEPTED_MEMO}
    candidate.refresh_from_db()
    assert candidate.stage == Stage.APPLIED


def test_declining_a_candidate_voids_their_unanswered_memo(ap_client, candidate):
    memo = DealMemoFactory(
        position=candidate.opening.position,
        person=candidate.person,
        candidate=candidate,
        state=MemoState.SENT,
        token_hash="abc",
    )
    ap_client.post(
        url("candidate_move", candidate.production, pk=candidate.pk), {"stage": "declined"}
    )
    memo.refresh_from_db()
    assert memo.state == MemoState.VOID and memo.token_hash == ""


def test_a_pdf_cv_is_stored_and_served_to_members_only(client, ap_client, candidate, outsider):
    edit = url("candidate", candidate.production, pk=candidate.pk)
    response = ap_client.post(
        edit,
        {
            "stage": "interview",
            "interview_at": "2030-01-02T10:30",
            "notes": "Strong reel.",
            "cv": SimpleUploadedFile("cv.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.stage == Stage.INTERVIEW and candidate.notes == "Strong reel."
    assert candidate.interview_at is not None
    cv_url = url("candidate_cv", candidate.production, pk=candidate.pk)
    served = ap_client.get(cv_url)
    assert b"".join(served.streaming_content) == PDF
    assert served["Cache-Control"] == "private, no-store"
    client.force_login(outsider)
    assert client.get(cv_url).status_code == 404
    client.logout()
    assert client.get(cv_url).status_code == 302


def test_a_docx_cv_is_accepted_by_its_content(ap_client, candidate):
    ap_client.post(
        url("candidate", candidate.production, pk=candidate.pk),
        {"stage": "applied", "cv": SimpleUploadedFile("resume.docx", docx_bytes())},
    )
    candidate.refresh_from_db()
    assert candidate.cv.name.endswith(".docx")


@pytest.mark.parametrize(
    "name, content",
    [
        ("cv.pdf", b"MZ\x90\x00 not a pdf at all"),
        ("cv.docx", docx_bytes("xl/workbook.xml")),  # a zip, but a spreadsheet
        ("cv.docx", b"PK\x03\x04 broken zip"),
    ],
)
def test_a_cv_that_is_not_a_pdf_or_docx_inside_is_refused(ap_client, candidate, name, content):
    response = ap_client.post(
        url("candidate", candidate.production, pk=candidate.pk),
        {"stage": "applied", "cv": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert CV_WRONG_TYPE in response.content.decode()
    candidate.refresh_from_db()
    assert not candidate.cv


def test_a_cv_over_the_limit_is_refused(ap_client, candidate, settings):
    settings.CREW_CV_MAX_BYTES = 1024
    response = ap_client.post(
        url("candidate", candidate.production, pk=candidate.pk),
        {"stage": "applied", "cv": SimpleUploadedFile("cv.pdf", PDF + b"0" * 2048)},
    )
    assert CV_TOO_BIG.format(size="2.0\xa0KB", limit="1.0\xa0KB") in response.content.decode()


def test_the_cv_limit_is_ten_megabytes_by_default(settings):
    assert settings.CREW_CV_MAX_BYTES == 10 * 1024 * 1024
