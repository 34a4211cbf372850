"""Create the 宣传活动 section under the home page if it is missing, and (re)attach the
review workflow and the editor/reviewer page permissions to it. Safe to run repeatedly;
meant for a production site that does not load the demo content."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from campaigns.models import CampaignIndexPage
from campaigns.services.desk import attach_desk


class Command(BaseCommand):
    help = "Create the campaign section (slug 'campaigns') and attach its review workflow."

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("No default site: create the home page first.")
        home = site.root_page
        index = CampaignIndexPage.objects.descendant_of(home).first()
        if index is None:
            index = CampaignIndexPage(title="宣传活动", slug="campaigns", show_in_menus=True)
            home.add_child(instance=index)
            index.save_revision().publish()
            self.stdout.write(f"Created the campaign section at {index.url_path}")
        attach_desk(index)
        self.stdout.write(
            self.style.SUCCESS("Campaign desk ready: workflow 宣传内容审核 attached.")
        )
