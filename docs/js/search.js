// The header's search dialog (overrides/partials/search.html), loaded by js/guide.js the first
// time the reader opens it, never on a page view. It imports Pagefind's own script from the site
// (/pagefind/, built after the site by netguide/search.py), which reads <html lang> and searches
// that language's index only. Pagefind stems words and folds accents itself; this file adds rule
// codes typed any way (r7, R7, r07 -> R07), the synonyms of netguide/search.py, short excerpts,
// links to a flow's question block and the keyboard.

const MAX_PAGES = 8;
const MAX_SECTIONS = 2; // links to sections of a page shown under it
const EXCERPT_WORDS = 16;

// "r7", "R07", "r007" -> "R07": rule codes have at least two digits.
export function normaliseQuery(query) {
  return query.replace(/\b[rR]0*(\d{1,4})\b/g, (_, number) => `R${number.padStart(2, "0")}`);
}

const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

// Queries to run besides the reader's: each word that starts with a synonym's key replaced by it.
export function alternatives(query, synonyms) {
  const words = query.split(/\s+/);
  const replaced = words.map((word) => {
    const key = Object.keys(synonyms).find((start) => fold(word).startsWith(start));
    return key === undefined ? word : synonyms[key];
  });
  return replaced.join(" ") === words.join(" ") ? [] : [replaced.join(" ")];
}

// A flow's question is a block #q-<id> whose heading is #q-<id>-title: Pagefind links to the
// heading, the flow (and flow.js) expect the block's anchor.
export function sectionUrl(url) {
  return url.replace(/#([qo]-[^#]+)-title$/, "#$1");
}

// Pagefind's excerpts are the page's text with "<" and ">" escaped and <mark> around the words
// found: shown as text, with only those marks as markup.
function excerptNodes(excerpt) {
  return (excerpt || "").split(/(<mark>|<\/mark>)/).reduce((state, part) => {
    if (part === "<mark>") state.marked = true;
    else if (part === "</mark>") state.marked = false;
    else if (part) {
      const text = document.createTextNode(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
      if (state.marked) {
        const mark = document.createElement("mark");
        mark.append(text);
        state.nodes.push(mark);
      } else state.nodes.push(text);
    }
    return state;
  }, { marked: false, nodes: [] }).nodes;
}

function element(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

function resultLink(url, title, excerpt, sub) {
  const link = element("a", "md-search-result__link");
  link.href = url;
  const article = element("article", "md-search-result__article md-typeset" + (sub ? "" : " md-search-result__article--document"));
  if (!sub) article.append(element("div", "md-search-result__icon md-icon"));
  article.append(element("p", sub ? "guide-search__section" : "guide-search__title", title || ""),
    element("p", "guide-search__excerpt", ...excerptNodes(excerpt)));
  link.append(article);
  return link;
}

// Pagefind's score of the query in one section of a page (headings weigh more than text).
function sectionScore(sub) {
  return (sub.weighted_locations || []).reduce((sum, location) => sum + location.balanced_score, 0);
}

// The sections worth showing under a page: the best matches, in page order; not the page's own
// title (its h1), which the page's entry already is.
function sections(data) {
  const subs = (data.sub_results || []).filter((sub) => sub.url.includes("#") && sub.anchor?.element !== "h1");
  const best = [...subs].sort((a, b) => sectionScore(b) - sectionScore(a)).slice(0, MAX_SECTIONS);
  return subs.filter((sub) => best.includes(sub));
}

// One list of results from the reader's query and its alternatives, best first.
function merged(searches) {
  const best = new Map();
  for (const result of searches.flatMap((search) => search.results)) {
    if (!best.has(result.id) || best.get(result.id).score < result.score) best.set(result.id, result);
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

export async function start(dialog, toggle) {
  const input = dialog.querySelector("input");
  const form = dialog.querySelector("form");
  const list = dialog.querySelector(".md-search-result__list");
  const status = dialog.querySelector(".md-search-result__meta");
  const strings = dialog.dataset;
  const synonyms = JSON.parse(strings.synonyms || "{}");
  const bundle = new URL(strings.searchBundle, location.href);
  // The results' styles come with the search: a page view does not download them.
  const styles = new Promise((resolve) => {
    const link = Object.assign(document.createElement("link"), { rel: "stylesheet" });
    link.href = new URL("../css/search.css", import.meta.url).href;
    link.addEventListener("load", resolve);
    link.addEventListener("error", resolve);
    document.head.append(link);
  });
  const [pagefind] = await Promise.all([import(new URL("pagefind.js", bundle).href), styles]);
  // noWorker: the search runs in the page rather than in Pagefind's worker (41 KB more to
  // download, for an index this size no gain).
  await pagefind.options({ baseUrl: new URL("../", bundle).pathname, excerptLength: EXCERPT_WORDS, noWorker: true });
  await pagefind.init();

  let shown = "";
  async function run() {
    const typed = input.value;
    const query = normaliseQuery(typed.trim());
    if (query === shown) {
      list.dataset.for = typed;
      return;
    }
    if (!query) {
      shown = "";
      list.replaceChildren();
      status.textContent = strings.placeholder;
      list.dataset.for = typed;
      return;
    }
    const search = await pagefind.debouncedSearch(query, {}, 100);
    if (search === null) return; // a later keystroke replaced this search
    const others = await Promise.all(alternatives(query, synonyms).map((other) => pagefind.search(other)));
    const results = merged([search, ...others]);
    const pages = await Promise.all(results.slice(0, MAX_PAGES).map((result) => result.data()));
    if (normaliseQuery(input.value.trim()) !== query) return;
    shown = query;
    const count = results.length;
    status.textContent = count === 0 ? strings.none : count === 1 ? strings.one : strings.other.replace("#", count);
    list.replaceChildren(...pages.map((data) => {
      const item = element("li", "md-search-result__item");
      item.append(resultLink(data.url, data.meta.title, data.excerpt, false));
      for (const sub of sections(data)) item.append(resultLink(sectionUrl(sub.url), sub.title, sub.excerpt, true));
      return item;
    }));
    list.dataset.for = typed; // what the list shows results for (the tests wait for it)
  }

  function links() {
    return [...list.querySelectorAll("a[href]")];
  }

  input.addEventListener("input", run);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = links()[0];
    if (first) first.click();
  });
  form.addEventListener("reset", () => setTimeout(() => { run(); input.focus(); }));
  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const all = [input, ...links()];
    const at = all.indexOf(document.activeElement);
    if (at === -1) return;
    event.preventDefault();
    all[(at + (event.key === "ArrowDown" ? 1 : all.length - 1)) % all.length].focus();
  });
  // A result on the page being read changes only the fragment: close the dialog to show it.
  list.addEventListener("click", (event) => {
    if (event.target.closest("a")) setTimeout(() => { if (toggle.checked) toggle.click(); });
  });

  // A live region only once the search is in use: the count of results is read out as it changes
  // (a role=status on every page would clash with a checklist's own).
  status.setAttribute("role", "status");
  dialog.classList.add("guide-search--ready");
  status.textContent = strings.placeholder;
  await run();
}
