// Progressive enhancement for the guide's pages. Every page works without this file:
// the short link is a plain link; this only adds the button that copies it.
(() => {
  "use strict";

  // Material looks up "<alternate URL>/sitemap.xml" for every <link rel="alternate"> present when
  // the page loads (DOMContentLoaded), expecting language roots. Our hreflang links name the page
  // itself, so each lookup would 404. This deferred script runs before that event: take the links
  // out for Material's one lookup and put them back right after it.
  const alternates = [...document.querySelectorAll('link[rel="alternate"][hreflang]')];
  for (const link of alternates) link.remove();
  document.addEventListener("DOMContentLoaded", () => document.head.append(...alternates), { once: true });

  async function copyToClipboard(text) {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return;
    }
    // Clipboard API is missing on plain-HTTP hosts: fall back to a selected field.
    const field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.append(field);
    field.select();
    const copied = document.execCommand("copy");
    field.remove();
    if (!copied) throw new Error("copy refused");
  }

  function announce(status, message) {
    // Emptying first makes screen readers repeat the message on a second click.
    status.textContent = "";
    requestAnimationFrame(() => { status.textContent = message; });
  }

  for (const button of document.querySelectorAll("button[data-copy-href]")) {
    const status = button.parentElement.querySelector(".guide-copy__status");
    button.hidden = false;
    button.addEventListener("click", async () => {
      const url = new URL(button.dataset.copyHref, window.location.href).href;
      try {
        await copyToClipboard(url);
        announce(status, button.dataset.copied);
      } catch {
        announce(status, button.dataset.failed);
      }
    });
  }
})();
