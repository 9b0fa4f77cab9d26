// The page not found (overrides/404.html, overrides/guide/not_found.html), which alone loads this
// file. It answers every missing address of its language and works without this script; this
// shows the page the address seems to mean, the button that opens the header's search, and leads
// the language selector to the same address in the other language.
(() => {
  "use strict";

  const missing = document.querySelector("[data-guide-missing]");
  if (!missing) return;

  // Each item of the hidden list names, in data-codes, the IDs and spellings that lead to one
  // page: the part of the address that is one of them (/rules/r7/, /R12) shows that page.
  const parts = location.pathname.split("/").filter(Boolean).reverse().map((part) => {
    let decoded = part;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      // a malformed escape: compare the part as it is
    }
    return decoded.toLowerCase().replace(/\.html?$/, "");
  });
  const guesses = [...missing.querySelectorAll("li[data-codes]")];
  const guess = parts.map((part) => guesses.find((item) => item.dataset.codes.split(" ").includes(part)))
    .find(Boolean);
  if (guess) {
    guess.hidden = false;
    missing.querySelector("[data-guide-guess]").hidden = false;
  }

  // Its button opens the header's search, as js/guide.js does for the magnifier.
  const search = missing.querySelector("[data-guide-search]");
  if (search && document.querySelector(".guide-search[data-search-script]")) {
    search.hidden = false;
    search.querySelector("button").addEventListener("click", () => document.dispatchEvent(new Event("guide:search")));
  }

  // Without this script the selector leads to each language's home; with it, to the same
  // address in the other language, which is that page or that language's page not found.
  const switchers = [...document.querySelectorAll("a.md-select__link[hreflang]")];
  const own = switchers.find((link) => link.hreflang === document.documentElement.lang);
  const root = own && new URL(own.href).pathname;
  if (root && location.pathname.startsWith(root)) {
    const rest = location.pathname.slice(root.length);
    for (const link of switchers) {
      if (link !== own) link.href = new URL(link.href).pathname + rest + location.search + location.hash;
    }
  }
})();
