from wagtail.models import Site


def site_menu(request):
    """Top-level sections marked “show in menus”, for the main navigation."""

    def menu():
        site = Site.find_for_request(request)
        if site is None:
            return []
        return list(
            site.root_page.get_children()
            .live()
            .in_menu()
            .only("id", "title", "url_path", "path", "depth")
        )

    return {"site_menu": menu}
