"""Restore a production archive written by export_production, all or nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from apps.productions.backup.archive import BackupError
from apps.productions.backup.restore import import_production
from apps.productions.services import invitation_resend


class Command(BaseCommand):
    help = "Restore a production from an archive written by export_production."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--slug", help="Restore under this address instead of the archive's.")
        parser.add_argument(
            "--map-users",
            action="store_true",
            help=(
                "Match the archive's people to accounts here by e-mail (creating missing ones "
                "without a usable password). Without it, members come back as pending invitations "
                "and no account here becomes a member or an actor in the history."
            ),
        )

        parser.add_argument(
            "--send-invitations",
            action="store_true",
            help="Without --map-users: e-mail the pending invitations now.",
        )

    def handle(
        self,
        *args,
        file: str,
        slug: str | None,
        map_users: bool = False,
        send_invitations: bool = False,
        **options,
    ) -> None:
        try:
            production = import_production(file, slug=slug, map_users=map_users)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {production.title} at /p/{production.slug}/.")
        if map_users:
            return
        pending = production.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        if send_invitations:
            for invitation in pending:
                invitation_resend(invitation=invitation)
            self.stdout.write(f"{len(pending)} invitation(s) e-mailed.")
        else:
            self.stdout.write(
                f"Members come back as {len(pending)} pending invitation(s), not sent: send them "
                "with --send-invitations, or restore with --map-users to match people here by "
                "e-mail."
            )
