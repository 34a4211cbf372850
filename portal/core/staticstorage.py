"""Static files in production: WhiteNoise's compressed files with hashed names, each URL
worked out once per process.

Every public page names the same few static files (the stylesheet, the script, the
icon). Finding a file's hashed name in the manifest and quoting it cost about 50 µs a
file, a seventh of the shared page frame's template. The manifest is read when a worker
starts and only changes with a deployment, which restarts the workers: so each URL is
remembered (missing files are not: they raise as before)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage

# More distinct static names than the templates and the admin use.
MAX_REMEMBERED_URLS = 4096


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        url = self._urls.get(name)
        if url is None:
            url = super().url(name)
            if len(self._urls) < MAX_REMEMBERED_URLS:
                self._urls[name] = url
        return url
