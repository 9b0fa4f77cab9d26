// Progressive enhancement for the guide's pages. Every page works without this file:
// the short link is a plain link; this adds the button that copies it, keeps the #fragment
// when the language changes on a page whose anchors are the same in every language, opens the
// header's search and loads it then, and loads the handout's script when it is needed. The page
// not found has its own script, js/not_found.js.
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

  // The language selector's links (overrides/partials/alternate.html).
  const switchers = [...document.querySelectorAll("a.md-select__link[hreflang]")];

  // A rule's sections have the same anchors in both languages (#why, #how…): the other
  // language opens at the same section.
  if (document.querySelector("[data-shared-anchors]")) {
    const keepFragment = () => {
      for (const link of switchers) link.hash = location.hash;
    };
    keepFragment();
    window.addEventListener("hashchange", keepFragment);
  }

  // The header's search (overrides/partials/search.html). Without this script the magnifier is a
  // link to the rule index; here it becomes the button that opens the search dialog, as do the
  // "/" and "s" keys, the header's box (wide screens) and a "guide:search" event on the document
  // (the page not found's button). js/search.js, and through it Pagefind and the index, are
  // downloaded the first time the dialog opens, never before.
  {
    const dialog = document.querySelector(".guide-search[data-search-script]");
    const toggle = document.getElementById("__search");
    if (dialog && toggle) {
      const input = dialog.querySelector("input");
      const opener = document.querySelector(".guide-search__open");
      let loading = null;
      let returnTo = null;
      const load = () => {
        // An absolute URL: "js/search.js" (the home page's relative link) would be a module name.
        loading ??= import(new URL(dialog.dataset.searchScript, location.href).href)
          .then((search) => search.start(dialog, toggle))
          .catch((error) => { loading = null; console.error("search:", error); });
        return loading;
      };
      const open = () => {
        if (!toggle.checked) {
          if (document.activeElement !== input) returnTo = document.activeElement;
          toggle.click();
        }
        input.focus();
        load();
      };
      const close = () => {
        if (toggle.checked) toggle.click();
        input.blur();
        // Back where the reader was: the button that opened it, or the header's magnifier.
        const back = [returnTo, opener].find((element) => element && element.isConnected && element.offsetParent !== null);
        if (back) back.focus();
        returnTo = null;
      };
      if (opener) {
        opener.setAttribute("role", "button");
        opener.setAttribute("aria-haspopup", "dialog");
        opener.setAttribute("aria-label", opener.dataset.label);
        opener.title = opener.dataset.label;
        opener.addEventListener("click", (event) => { event.preventDefault(); open(); });
        opener.addEventListener("keydown", (event) => {
          if (event.key === " ") { event.preventDefault(); open(); }
        });
      }
      input.addEventListener("focus", open);
      dialog.addEventListener("keydown", (event) => {
        if (event.key === "Escape") { event.preventDefault(); close(); }
      });
      toggle.addEventListener("change", () => { if (toggle.checked) load(); });
      document.addEventListener("keydown", (event) => {
        if (event.ctrlKey || event.metaKey || event.altKey || toggle.checked) return;
        if (event.key !== "/" && event.key !== "s") return;
        const target = event.target;
        if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
        event.preventDefault();
        open();
      });
      document.addEventListener("guide:search", open);
    }
  }

  // "Add to handout" (overrides/guide/_macros.html) works through js/handout.js, which a first
  // visit need not download: it loads at once if this browser holds a handout, else on the first
  // press of a button, which it then makes.
  {
    const status = document.querySelector("[data-handout-script]");
    const STORE = "netguide.handout"; // handout.js's
    // null if storage is refused (some private modes), tested as handout.js does: buttons stay hidden.
    const held = () => {
      try {
        localStorage.setItem(`${STORE}.probe`, "1");
        localStorage.removeItem(`${STORE}.probe`);
        return localStorage.getItem(STORE) !== null;
      } catch {
        return null;
      }
    };
    const holds = status ? held() : null;
    if (holds !== null) {
      const pressed = [];
      let script = null;
      const load = () => {
        if (script) return;
        script = document.createElement("script");
        script.src = status.dataset.handoutScript;
        // handout.js listens now: the presses made while it loaded, once each.
        script.onload = () => { for (const button of pressed.splice(0)) button.click(); };
        script.onerror = () => { script.remove(); script = null; pressed.length = 0; };
        document.head.append(script);
      };
      if (holds) load();
      else {
        for (const shown of document.querySelectorAll("[data-handout-item], [data-handout-hint], [data-handout-column]")) shown.hidden = false;
        document.addEventListener("click", (event) => {
          const button = event.target.closest("button[data-handout-item]");
          if (!button || window.netguideHandout) return; // once it has run, handout.js takes the presses
          pressed.push(button);
          load();
        });
      }
      // A handout begun in another tab, or while this page was in the back-forward cache.
      addEventListener("storage", (event) => { if (event.key === STORE && event.newValue) load(); });
      addEventListener("pageshow", (event) => { if (event.persisted && held()) load(); });
    }
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
