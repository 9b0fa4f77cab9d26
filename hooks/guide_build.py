"""The guide's MkDocs hooks: one line per event, everything else in netguide.adapter.events."""

from __future__ import annotations

from typing import Any

from netguide.adapter import events


def on_startup(command: str, dirty: bool) -> None:
    events.remember_command(command)


def on_config(config: Any) -> Any:
    return events.configure(config)


def on_files(files: Any, config: Any) -> Any:
    return events.hide_generated_pages(files, config)


def on_env(env: Any, config: Any, files: Any) -> Any:
    events.start_publishing(config)
    return events.share_compiled_templates(env, config)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    events.page_meta(page, config)
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return events.page_html(html, page, config)


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    events.absolute_alternates(config)
    return events.header_search(context, page, config)


def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    return events.not_found_context(context, template_name, config)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return events.place_not_found(output_content, template_name, config)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    return events.watch_saves_at_once(events.serve_not_found_per_language(server, config))


def on_post_page(output: str, page: Any, config: Any) -> str:
    return events.page_written(output, page, config)


def on_post_build(config: Any) -> None:
    events.language_built(config)


def on_build_error(error: Exception) -> None:
    events.abandon_outputs()
