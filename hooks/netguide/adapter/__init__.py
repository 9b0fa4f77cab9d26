"""The adapter between the guide and MkDocs, Material for MkDocs and mkdocs-static-i18n.

Everything shaped by those three lives in this subpackage: the stub files (stubs), the
navigation (nav), the contents column (toc), Material's theme files fitted to the finished site
(material_assets), the front matter of docs/
pages (frontmatter), the facts tools read from mkdocs.yml (config), and the functions the hooks
call, one per MkDocs event (events). The rest of netguide knows nothing of MkDocs.
"""
