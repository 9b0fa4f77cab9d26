// Progressive enhancement for the guide's pages. Every page works without this file:
// the short link is a plain link; this only adds the button that copies it.
(() => {
  "use strict";

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
