"""Steps the browser tests share."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.factories import PASSWORD


def sign_in(page: Page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


PDF = b"%PDF-1.4\n% a form\n"


def complete_start_pack(page: Page, name: str) -> None:
    """On a hire's start paperwork link: every default item filled in and saved (the tax form and
    a passport uploaded), then signed by typed `name`."""
    from playwright.sync_api import expect

    def card(title: str):
        return page.locator(".card", has=page.get_by_role("heading", name=title))

    def save(title: str) -> None:
        card(title).get_by_role("button", name="Save").click()
        expect(card(title)).to_contain_text("Saved")

    card("Personal details").get_by_label("Legal name").fill(name)
    card("Personal details").get_by_label("Address").fill("4 Quay Street, Bristol")
    card("Personal details").get_by_label("Phone").fill("+44 117 496 0000")
    save("Personal details")
    card("Emergency contact").get_by_label("Name").fill("Ngozi Achebe")
    card("Emergency contact").get_by_label("Phone").fill("+44 117 496 0001")
    save("Emergency contact")
    card("Tax form").get_by_label("Tax id").fill("AB123456C")
    card("Tax form").get_by_label("File").set_input_files(
        {"name": "p46.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    save("Tax form")
    card("Proof of eligibility to work").get_by_label("File").set_input_files(
        {"name": "passport.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    save("Proof of eligibility to work")
    bank = card("Bank details for payment")
    bank.get_by_label("Name on the account").fill(name)
    bank.get_by_label("Routing number or sort code").fill("40-47-84")
    bank.get_by_label("Account number").fill("70872490")
    save("Bank details for payment")
    card("Health, safety and conduct policy").get_by_label("I have read and agree").check()
    save("Health, safety and conduct policy")
    page.get_by_label("Type your full name to sign").fill(name)
    page.get_by_role("button", name="Sign and send").click()
    expect(page.locator("#complete")).to_contain_text(f"Complete: signed by “{name}”")


def approve_timecard(page: Page, base: str, email: str, week_url: str, button: str, state: str):
    """Signed in as `email`: open the week's (only) timecard, press `button`, see `state`; then
    sign out by clearing the cookies."""
    from playwright.sync_api import expect

    sign_in(page, base, email, PASSWORD)
    page.goto(week_url)
    page.get_by_role("link", name="Open").click()
    page.get_by_role("button", name=button).click()
    expect(page.get_by_test_id("state")).to_have_text(state)
    page.context.clear_cookies()
