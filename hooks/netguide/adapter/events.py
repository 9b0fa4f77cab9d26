"""What the hooks call, one function per MkDocs event; the only module that imports MkDocs.

mkdocs-static-i18n builds the site once per language on the same config object, running
every event again, so the state kept here is per build, begun in the first language's
on_config: the prepared GuideSite, and what the build writes beside MkDocs' pages
(BuildOutputs: the search indexes being fed, Material's files being fitted, the short links
being written); under `mkdocs serve`, the search indexes still being written after a rebuild.
The data is loaded, checked and rendered once per config object, that is once per
`mkdocs build` (both languages share one config) and once per `mkdocs serve` rebuild (each
loads a new config), before MkDocs empties the output folder.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import logging
import os
import sys
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel

from ..build_cache import build_cache, inputs_digest
from ..errors import KnowledgeError, ProblemList
from ..files import BackgroundWrite, write_in_background
from ..kind import KNOWLEDGE_DIR
from ..minify import minify_own_assets
from ..render import escaped_text
from ..search import BUNDLE_DIR as SEARCH_BUNDLE_DIR
from ..search import FALLBACK_PATH, SearchBox, SearchIndexer, SearchIndexError, page_url, search_box
from ..site import GuideSite, prepare_site
from ..typography import for_language, html_for_language
from ..urls import absolute, host_path, language_of, language_root, output_file, relative, site_url_problem
from .frontmatter import check_front_matter
from .material_assets import MaterialFitting, material_stylesheet
from .nav import navigation
from .stubs import STUB_MARKER, doc_file, page_path_of, sync_stubs
from .toc import table_of_contents

TEMPLATE_SUBDIR = "guide"
SITE_URL_VARIABLE = "SITE_URL"  # read by mkdocs.yml (site_url: !ENV [SITE_URL, …])
NOT_FOUND_PAGE = "404.html"  # MkDocs' page for missing addresses (overrides/404.html)
log = logging.getLogger("mkdocs.plugins.netguide")


def languages(config: Any) -> tuple[str, ...]:
    """The configured languages, the default one first."""
    configured = config.plugins["i18n"].config.languages
    default = next(lang.locale for lang in configured if lang.default)
    return (default, *(lang.locale for lang in configured if lang.locale != default))


def current_language(config: Any) -> str:
    return config.plugins["i18n"].current_language or languages(config)[0]


def every_language_built(config: Any) -> bool:
    """True in the post-build step of the outer build, after mkdocs-static-i18n built the other languages."""
    return not config.plugins["i18n"].building


_prepared: tuple[weakref.ref[Any], GuideSite, str] | None = None


def guide_site(config: Any) -> GuideSite:
    """The checked and rendered guide for this build; bad data stops the build with one clear message."""
    global _prepared
    if _prepared is not None and _prepared[0]() is config:
        return _prepared[1]
    project_root = Path(config.config_file_path).parent
    docs_dir = Path(config.docs_dir)
    problem = site_url_problem(config.site_url)
    if problem:
        raise PluginError(f"{problem}. Fix: set SITE_URL to the address the site is published at, "
                          "e.g. SITE_URL=https://guide.example.org/ (or leave it unset to work locally)")
    try:
        problems = ProblemList(project_root)
        check_front_matter(docs_dir, problems)
        problems.raise_if_any()
        inputs = build_inputs(config)
        site = prepare_site(project_root, Path(config.theme.custom_dir) / TEMPLATE_SUBDIR, config.site_url,
                            languages(config), inputs)
    except KnowledgeError as error:
        raise PluginError(str(error)) from None
    sync_stubs(docs_dir, site.pages, site.guide.languages)
    _prepared = (weakref.ref(config), site, inputs)
    return site


def build_inputs(config: Any) -> str:
    """The digest of everything this build's pages are made from (netguide.build_cache.inputs_digest):
    the configuration, docs/ (not the stubs, written from the data), the templates, the data, the
    hooks' code, the installed packages, the site's address and languages."""
    project_root = Path(config.config_file_path).parent
    hook_dirs = sorted({Path(path).parent for path in config.hooks})
    return inputs_digest(
        [Path(config.config_file_path), Path(config.docs_dir), Path(config.theme.custom_dir),
         project_root / KNOWLEDGE_DIR, *hook_dirs],
        [config.site_url or "", *languages(config)],
        derived=lambda content: content.startswith(STUB_MARKER.encode()))


_command: str | None = None


def remember_command(command: str) -> None:
    """on_startup: 'build', 'serve' or 'gh-deploy', so that a build for deployment is told what it lacks.

    A command that builds once and exits leaves its objects to the end of the process: Python's
    last collection would walk them all once more for nothing (0.15 s of every build, more than
    a plain MkDocs build's, measured by benchmarks/build_ratio.py), so they are frozen at exit.
    Files are all closed by then (every write here and in MkDocs uses `with`).
    """
    global _command
    _command = command
    if command in ("build", "gh-deploy"):
        atexit.register(gc.freeze)


def warn_local_address(config: Any) -> None:
    """A build without SITE_URL prints the local address on paper and in links: say so, once per build."""
    if _command in ("build", "gh-deploy") and not os.environ.get(SITE_URL_VARIABLE):
        # Printed, not logged: under --strict a logged warning would stop local builds too.
        print(f"NOTE: SITE_URL is not set, so links, QR codes and the export point at {config.site_url}. "
              "To build for deployment: SITE_URL=https://<public address>/ mkdocs build", file=sys.stderr)


def configure(config: Any) -> Any:
    """on_config: check and render the data, write the stubs, lay the navigation; in a build's first
    language, begin what the build writes beside MkDocs (BuildOutputs)."""
    first_language = every_language_built(config)  # mkdocs-static-i18n is not building another one yet
    if first_language:
        stop_background_index()
    site = guide_site(config)
    if first_language:
        warn_local_address(config)
        begin_outputs(config)
    config.nav = navigation(site.menu(), current_language(config))
    return config


def hide_generated_pages(files: Any, config: Any) -> Any:
    """on_files: the generated pages that are in no menu (rules, results…) are left out of the navigation.

    MkDocs' own way, its not_in_nav setting, is a gitignore-style pattern per page, compiled in
    each language's build and matched against every file (0.1 s for the site's 200 such pages);
    the stub files are known here by name.
    """
    site = guide_site(config)
    hidden = {doc_file(page.path, language, site.guide.default_language)
              for page in site.pages if not page.in_menu for language in site.guide.languages}
    for file in files:
        if file.src_uri in hidden:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return files


def share_compiled_templates(env: Any, config: Any) -> Any:
    """on_env: Material's templates compiled once, not once per language, rebuild and build (netguide.build_cache)."""
    env.bytecode_cache = build_cache(Path(config.config_file_path).parent).templates
    return env


def page_meta(page: Any, config: Any) -> None:
    """on_page_markdown: a generated page's title, description and the assets only it needs."""
    site = guide_site(config)
    generated = _generated(site, page)
    if generated is None:
        return
    language = current_language(config)
    page.meta["title"] = escaped_text(generated.titles[language])
    page.meta["description"] = escaped_text(generated.descriptions[language])
    page.meta["guide_assets"] = generated.assets  # read by overrides/main.html
    if not generated.in_search:
        # Material's front matter for "not in search" (hand-written pages may set it too): read by
        # overrides/main.html, which marks every other page's content for the search index.
        page.meta["search"] = {"exclude": True}


def page_html(html: str, page: Any, config: Any) -> str:
    """on_page_content: a generated page's HTML, rendered from the data in the page's language.

    A hand-written page gets the typography of its language, as the data's texts do; then every
    page gets its table of contents from its final headings (netguide.adapter.toc).
    """
    site = guide_site(config)
    generated = _generated(site, page)
    language = current_language(config)
    if generated is not None:
        html = site.html(generated, language)
    else:
        html = html_for_language(language, html)
        if page.meta.get("title"):
            page.meta["title"] = for_language(language, page.meta["title"])
        if page.title:
            page.title = for_language(language, page.title)
    page.toc = table_of_contents(html)
    return html


def absolute_alternates(config: Any) -> None:
    """on_page_context, after mkdocs-static-i18n set this page's language links: make them absolute.

    Search engines and Lighthouse reject relative hreflang URLs; Material prints these links
    as they are, both as <link rel="alternate"> and in its language selector.
    """
    base = config.site_url or "/"
    for alternate in _alternates(config):
        link = alternate.get("link", "")
        if not link.startswith(("http://", "https://")):
            alternate["link"] = absolute(base, "", "", link.lstrip("/").removeprefix("./"))


def header_search(context: Any, page: Any, config: Any) -> Any:
    """on_page_context: what the header's search box needs (overrides/partials/search.html)."""
    site = guide_site(config)
    language = current_language(config)
    # MkDocs' address of the page from the site's root ('en/rules/R07/'): from the language's root here.
    path = page.url.removeprefix(language_root(language, site.guide.default_language))
    context["guide_search"] = _search_box(site, language, lambda target: relative(path, target))
    return context


def _search_box(site: GuideSite, language: str, link: Callable[[str], str]) -> SearchBox:
    """The search box of a page that links a path from its language's root with ``link``."""
    return search_box(language, link(FALLBACK_PATH), site.guide.ui[language]["index_title"],
                      link(f"{SEARCH_BUNDLE_DIR}/"))


def not_found_context(context: Any, template_name: str, config: Any) -> Any:
    """on_template_context: what overrides/404.html shows, in the language being built.

    Material's language selector and hreflang links read config.extra.alternate, which still
    holds the last page mkdocs-static-i18n built (an unrelated page): the page not found leads to
    each language's home instead (guide.js then leads to the same address in the other language).
    Every page sets its own alternates again (on_page_context) after this.
    """
    if template_name != NOT_FOUND_PAGE:
        return context
    site = guide_site(config)
    language = current_language(config)
    context["guide_not_found"] = Markup(site.not_found_html(language))
    context["guide_not_found_title"] = site.guide.ui[language]["not_found_title"]
    context["guide_search"] = _search_box(
        site, language, lambda target: host_path(config.site_url, language, site.guide.default_language, target))
    # An attribute, as mkdocs-static-i18n sets it for each page: templates read it before the item.
    config.extra.alternate = [
        {**alternate, "link": host_path(config.site_url, alternate["lang"], site.guide.default_language, "")}
        for alternate in _alternates(config) if alternate.get("lang") in site.guide.languages
    ]
    return context


def place_not_found(output: str, template_name: str, config: Any) -> str:
    """on_post_template: each language's page not found at its root (/404.html, /en/404.html).

    MkDocs writes 404.html at the site's root in every language's build, the last language's
    over the others: a language other than the default one writes its own under its root, and
    gives MkDocs nothing to write (it skips an empty template).
    """
    if template_name != NOT_FOUND_PAGE:
        return output
    site = guide_site(config)
    language = current_language(config)
    path = output_file(Path(config.site_dir), language_root(language, site.guide.default_language) + NOT_FOUND_PAGE)
    if _outputs is not None and _outputs.fitting is not None:
        output = _outputs.fitting.page(output, path)
    if language == site.guide.default_language:
        return output
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(output, encoding="utf-8")
    return ""


def serve_not_found_per_language(server: Any, config: Any) -> Any:
    """on_serve: `mkdocs serve` answers a missing address with its language's page not found.

    MkDocs' server answers every 404 with the site root's 404.html and tells its error handler
    the status alone: the address being answered is remembered per request thread.
    """
    site_dir = Path(server.root)
    site_languages = languages(config)
    request = threading.local()
    app = server.get_app()

    def remembering_app(environ: dict[str, Any], start_response: Any) -> Any:
        request.path = environ.get("PATH_INFO", "/")
        return app(environ, start_response)

    default_handler = server.error_handler

    def error_handler(code: int) -> bytes | None:
        if code == 404:
            language = language_of(getattr(request, "path", "/"), config.site_url, site_languages)
            page = site_dir / language_root(language, site_languages[0]) / NOT_FOUND_PAGE
            if page.is_file():
                return page.read_bytes()
        return default_handler(code)

    server.set_app(remembering_app)
    server.error_handler = error_handler
    return server


def watch_saves_at_once(server: Any) -> Any:
    """on_serve: a save is seen when it happens, not at the next look.

    MkDocs' server looks at every watched file twice a second (a polling observer), so a save
    waited 0.25 s on average, 0.5 s at worst, before the rebuild began. The system's own file
    events (inotify on Linux, through watchdog, which MkDocs already uses) tell at once. The
    paths watched so far are watched again by MkDocs' own watch(); those added after this event
    (mkdocs.yml's watch: knowledge) go to the new observer directly. (Imported here: a build
    has no use for it.)
    """
    from watchdog.events import FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
    from watchdog.observers import Observer

    # A save is a file created, written, deleted or renamed; the native watcher also reports files
    # opened and closed, which the build itself does to every file it reads: MkDocs' callback would
    # then rebuild for ever.
    saves = (FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent)

    class SavesObserver(Observer):  # type: ignore[misc,valid-type]
        def schedule(self, event_handler: Any, path: str, *, recursive: bool = False,
                     event_filter: Any = None) -> Any:
            return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or saves)

    watched = dict(server._watched_paths)
    server.observer = SavesObserver()
    server._watched_paths, server._watch_refs = {}, {}
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    return server


@dataclass
class BuildOutputs:
    """What one build writes beside MkDocs' pages, begun in its first step and ended in its last (finish).

    - the search index of each language: Pagefind reads each page as MkDocs writes it (page_written),
      on the other core, and writes the language's index once its pages are built (language_built);
    - Material's files fitted to the site (`mkdocs build` only): each page collapsed and pointed at
      the trimmed stylesheet as it is written, the stylesheet trimmed at the end;
    - the short links, redirects and export, written by a helper process while MkDocs renders pages
      (their time goes to creating files: netguide.files).
    """

    fitting: MaterialFitting | None
    indexers: dict[str, SearchIndexer] = field(default_factory=dict)  # by language
    publishing: BackgroundWrite | None = None


_outputs: BuildOutputs | None = None


def begin_outputs(config: Any) -> None:
    global _outputs
    # Every language's indexer started at once: Pagefind is ready before the first page of each.
    _outputs = BuildOutputs(material_fitting(config), {language: SearchIndexer() for language in languages(config)})


def material_fitting(config: Any) -> MaterialFitting | None:
    """`mkdocs build` only: under `mkdocs serve` the files an author debugs stay as written."""
    material = material_stylesheet(Path(folder) for folder in config.theme.dirs)
    if _command == "serve" or material is None or _prepared is None:
        return None
    return MaterialFitting(material, _prepared[2], build_cache(Path(config.config_file_path).parent).fitting)


def start_publishing(config: Any) -> None:
    """on_env of a build's first language, once MkDocs emptied the output folder: every language's short
    links and redirects, and the export, written by a helper process while MkDocs renders the pages."""
    if _outputs is None or not every_language_built(config):
        return
    site = guide_site(config)
    site_dir = Path(config.site_dir)
    redirects = [file for language in site.guide.languages for file in site.redirect_files(site_dir, language)]
    if _outputs.fitting is not None:
        for path, html in redirects:
            _outputs.fitting.page_as_written(html, path)
    _outputs.publishing = write_in_background(site_dir, [*redirects, *site.export_files(site_dir)])


def page_written(output: str, page: Any, config: Any) -> str:
    """on_post_page: the page MkDocs is about to write, fitted (mkdocs build), and given to the search index."""
    if _outputs is None:
        return output
    if _outputs.fitting is not None:
        output = _outputs.fitting.page(output, Path(page.file.abs_dest_path))
    language = current_language(config)
    root = language_root(language, languages(config)[0])
    _outputs.indexers[language].add_page(page_url(page.file.dest_uri.removeprefix(root)), output)
    return output


def language_built(config: Any) -> None:
    """on_post_build of each language: its search index written meanwhile (for the first language, while
    mkdocs-static-i18n builds the others)."""
    if _outputs is None:
        return
    language = current_language(config)
    _outputs.indexers[language].write_to(Path(config.site_dir) / language_root(language, languages(config)[0]))


def finish(config: Any) -> None:
    """on_post_build, once every language is built: the short links waited for, Material's files fitted to
    the site, the site's own stylesheets and scripts minified, and the search indexes waited for.

    Pagefind writes the last language's index on the other core meanwhile. Under `mkdocs serve`,
    the indexes alone, in the background (index_in_background).
    """
    global _outputs
    if not every_language_built(config) or _outputs is None:
        return
    outputs, _outputs = _outputs, None
    site_dir = Path(config.site_dir)
    try:
        if outputs.publishing is not None:
            try:
                outputs.publishing.wait()
            except OSError as error:
                raise PluginError(f"{error}. Fix: make room on the disk, or make the output folder writable") from None
        if _command == "serve":
            index_in_background(list(outputs.indexers.values()))
            return
        if outputs.fitting is not None:
            # Pagefind's files add no class to a page: js/search.js shows its results.
            outputs.fitting.finish(site_dir, leave_out=(SEARCH_BUNDLE_DIR,))
        minify_own_assets(site_dir)
    except BaseException:
        for indexer in outputs.indexers.values():
            indexer.stop()
        raise
    try:
        for indexer in outputs.indexers.values():
            indexer.wait()
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def abandon_outputs() -> None:
    """on_build_error: no index process left behind, no file written after the build stopped."""
    global _outputs
    outputs, _outputs = _outputs, None
    if outputs is None:
        return
    for indexer in outputs.indexers.values():
        indexer.stop()
    if outputs.publishing is not None:
        with contextlib.suppress(OSError):  # the build's own error is the one reported
            outputs.publishing.wait()


_background_index: tuple[list[SearchIndexer], threading.Thread] | None = None


def index_in_background(indexers: list[SearchIndexer]) -> None:
    """`mkdocs serve`: the rebuilt page is served at once, its search index follows a moment later.

    What only saves bytes on the wire (Material's files fitted, ours minified) is left out: the
    files an author debugs stay as written. The next rebuild stops an index still being written.
    """
    global _background_index

    def wait() -> None:
        for indexer in indexers:
            try:
                indexer.wait()
            except SearchIndexError as error:
                if not indexer.cancelled:
                    log.error(str(error))

    thread = threading.Thread(target=wait, name="pagefind", daemon=True)
    thread.start()
    _background_index = (indexers, thread)


def stop_background_index() -> None:
    """Before a rebuild empties the output folder: no index of the previous build still being written."""
    global _background_index
    if _background_index is not None:
        indexers, thread = _background_index
        for indexer in indexers:
            indexer.cancel()
        thread.join()
        _background_index = None
    abandon_outputs()  # a build stopped by an error under `mkdocs serve`


def _alternates(config: Any) -> list[dict[str, str]]:
    """The language links of the page being built: mkdocs-static-i18n's attribute, else the configured item."""
    return getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []


def _generated(site: GuideSite, page: Any) -> Any:
    path = page_path_of(page.file.src_uri, site.guide.languages)
    return None if path is None else site.page_at(path)
