// Decision flows, enhanced. Without this file every question is still reached through plain links
// (#q-…, shown by flow.css) and every answer that ends the flow links to its result's page.
// With it, on a flow's page: one question at a time, its number, focus on it, Back and Forward,
// "your answers" with change links, and a URL holding the state, ?a=<answer positions from the
// start, dot-separated>#q-<question>, kept by the language switcher and copied by the copy button.
// On a result's page: the answers that came with its link, checked against the flow, with links
// to change each. Every walk follows the answers given, one step each: never a search.
(() => {
  "use strict";
  const switchers = [...document.querySelectorAll("a.md-select__link[hreflang]")];
  for (const link of switchers) link.dataset.base = link.href.split(/[?#]/)[0];
  const positions = (raw) => (/^[1-9]\d*(\.[1-9]\d*)*$/.test(raw || "") ? raw.split(".").map(Number) : null);
  const keepInSwitchers = (suffix) => { for (const link of switchers) link.href = link.dataset.base + suffix; };

  // The link box: guide.js copies data-copy-href and announces data-copied when the button is pressed.
  function share(box, href, message) {
    const url = new URL(href, location.href).href;
    const shown = box.querySelector(".guide-permalink__url");
    const button = box.querySelector("button[data-copy-href]");
    shown.href = url;
    shown.textContent = url;
    button.dataset.copyHref = url;
    button.dataset.copied = message;
  }

  // One line of "your answers": the question, the answer given, and a link back to change it.
  function answerItem(steps, asked, given, href) {
    const item = document.createElement("li");
    const answer = document.createElement("strong");
    const change = document.createElement("a");
    const hint = document.createElement("span");
    answer.textContent = given;
    hint.className = "flow-sr";
    hint.textContent = ` ${steps.dataset.changeHint} ${asked}`;
    change.className = "flow-go flow__change";
    change.href = href;
    change.append(steps.dataset.change, hint);
    item.append(`${asked} `, answer, " ", change);
    return item;
  }

  // The address of a state of a flow's page: the answers given, the question reached, and the
  // answer given before to that question when the reader came back to change it.
  function stateUrl(base, answers, node, was) {
    const query = [answers.length && `a=${answers.join(".")}`, was && `was=${was}`].filter(Boolean).join("&");
    return base + (query && `?${query}`) + (answers.length ? `#${node}` : "");
  }

  for (const button of document.querySelectorAll("[data-flow-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }

  const result = document.querySelector(".flow-result[data-outcome]");
  if (result) {
    const data = JSON.parse(result.querySelector(".flow-result__questions").textContent);
    const box = result.querySelector(".guide-permalink");
    const short = box.querySelector("button[data-copy-href]").dataset.copyHref;
    const steps = result.querySelector(".flow__steps");
    const flowPage = result.querySelector(".flow-result__flow a").href;
    const raw = new URLSearchParams(location.search).get("a");
    const answers = positions(raw) || [];
    const met = []; // [question ID, question, answer given]
    let here = data.start;
    for (const position of answers) {
      const question = Object.hasOwn(data.questions, here) ? data.questions[here] : null;
      const answer = question && question[1][position - 1];
      if (!answer) {
        here = null;
        break;
      }
      met.push([here, question[0], answer[0]]);
      here = answer[1];
    }
    const valid = answers.length > 0 && here === result.dataset.outcome;
    if (valid) {
      steps.replaceChildren(...met.map(([id, asked, given], index) =>
        answerItem(steps, asked, given, stateUrl(flowPage, answers.slice(0, index), `q-${id}`, answers[index]))));
      steps.closest(".flow__trail").hidden = false;
      result.querySelector(".flow-result__alone").hidden = true;
      keepInSwitchers(`?a=${raw}`);
    } else if (raw !== null) {
      // Answers that do not lead here are never shown, nor kept in the address to be shared.
      result.querySelector(".flow__note").hidden = false;
      history.replaceState(history.state, "", location.pathname + location.hash);
    }
    share(box, valid ? `${short}?a=${raw}` : short, result.dataset[valid ? "copiedAnswers" : "copiedAlone"]);
  }

  const flow = document.querySelector(".flow[data-start]");
  if (!flow) return;
  const start = flow.dataset.start;
  const nodes = new Map([...flow.querySelectorAll(".flow-node")].map((node) => [node.id, node]));
  const trail = flow.querySelector(".flow__trail");
  const steps = trail.querySelector(".flow__steps");
  const note = flow.querySelector(".flow__note");
  const progress = flow.querySelector(".flow__progress");
  const alone = flow.querySelector(".flow__alone");
  const box = flow.querySelector(".flow__share");
  const copied = { ...box.querySelector("button[data-copy-href]").dataset };
  const answersOf = (node) => [...node.querySelectorAll(".flow-answer")];
  const titleOf = (node) => node.querySelector(".flow-node__title");
  const nextOf = (answer) => (answer.classList.contains("flow-go") ? "q-" : "o-") + answer.dataset.next;
  let shown = null;

  // Each answer's own link (the next question's anchor, or the result's page), before hrefs carry the state.
  for (const answer of flow.querySelectorAll(".flow-answer")) answer.dataset.href = answer.getAttribute("href");

  const urlFor = (answers, node, was) => stateUrl(location.pathname, answers, node, was);

  // Follow answer positions from the start: the anchors of the nodes met, or null when they do not fit the flow.
  function walk(answers) {
    const path = [start];
    for (const position of answers) {
      const answer = answersOf(nodes.get(path.at(-1)))[position - 1];
      if (!answer) return null;
      path.push(nextOf(answer));
    }
    return path;
  }

  // What the address asks for: a state (answers and the nodes met), a question alone, or nothing valid.
  function stateFromUrl() {
    const query = new URLSearchParams(location.search);
    const raw = query.get("a");
    // Search engines link to a question's heading (#q-…-title): that is the question.
    const hash = location.hash.slice(1).replace(/-title$/, "");
    const known = nodes.has(hash);
    if (raw === null && known && hash.startsWith("q-") && hash !== start) return { alone: hash };
    const answers = raw === null ? [] : positions(raw);
    const path = answers && walk(answers);
    const here = path && path.at(-1);
    if (path && (!/^[qo]-/.test(hash) || hash === here || (hash === start && !answers.length))) {
      return { answers, path, was: Number(query.get("was")) || 0 };
    }
    // A result's former anchor (#o-…) leads to its page, with the answers only if they lead there too.
    return known && hash.startsWith("o-") ? { answers: [], path: [hash] } : null;
  }

  // Bring the question into view below the sticky header, and below the back-to-top button that
  // Material shows while the page scrolls up; at the top of the page neither covers it.
  function reveal(title) {
    title.focus({ preventScroll: true });
    const header = document.querySelector(".md-header");
    const pill = document.querySelector(".md-top");
    const safe = (header ? header.getBoundingClientRect().bottom : 0) + (pill ? pill.offsetHeight + 24 : 8);
    const box = title.getBoundingClientRect();
    if (box.top < safe || box.bottom > innerHeight) window.scrollTo(0, Math.max(0, scrollY + box.top - safe));
  }

  function render(state, moveFocus) {
    const here = state.alone || state.path.at(-1);
    const node = nodes.get(here);
    const answers = state.alone ? null : state.answers;
    shown = state.alone || answers.join(".");
    for (const [id, element] of nodes) element.classList.toggle("is-current", id === here);
    // Each answer's link carries the answers so far; the one given before (?was=) is marked.
    answersOf(node).forEach((answer, index) => {
      const next = answers && [...answers, index + 1];
      if (!next) answer.href = answer.dataset.href;
      else if (answer.classList.contains("flow-go")) answer.href = urlFor(next, nextOf(answer));
      else answer.href = `${answer.dataset.href}?a=${next.join(".")}`;
      if (answers && index + 1 === state.was) answer.dataset.previous = steps.dataset.previous;
      else delete answer.dataset.previous;
    });
    for (const restart of flow.querySelectorAll("[data-restart]")) restart.href = location.pathname;
    steps.replaceChildren(...(answers || []).map((position, index) => {
      const question = nodes.get(state.path[index]);
      const given = answersOf(question)[position - 1].textContent.trim();
      const asked = titleOf(question).textContent.trim();
      return answerItem(steps, asked, given, urlFor(answers.slice(0, index), question.id, position));
    }));
    trail.hidden = !answers || !answers.length;
    progress.hidden = !answers;
    alone.hidden = Boolean(answers);
    flow.classList.toggle("flow--alone", !answers);
    if (answers) progress.textContent = progress.dataset.text.replace("{number}", answers.length + 1);
    if (state.alone) share(box, location.pathname + location.hash, copied.copiedAlone);
    else if (answers.length) share(box, urlFor(answers, here), copied.copiedAnswers);
    else share(box, copied.copyHref, copied.copied);
    keepInSwitchers(location.search + location.hash);
    if (moveFocus) reveal(titleOf(node));
  }

  function show(moveFocus) {
    let state = stateFromUrl();
    if (state && !state.alone && state.path.at(-1).startsWith("o-")) {
      const page = nodes.get(state.path.at(-1)).querySelector(".flow-node__result").href;
      location.replace(page + (state.answers.length ? `?a=${state.answers.join(".")}` : ""));
      return;
    }
    note.hidden = Boolean(state);
    if (!state) state = { answers: [], path: [start], was: 0 };
    const here = state.alone || state.path.at(-1);
    // A question alone keeps the rest of its address (search engines add ?h=<words to highlight>).
    const url = state.alone ? `${location.pathname}${location.search}#${here}` : urlFor(state.answers, here, state.was);
    history.replaceState(history.state, "", url);
    render(state, moveFocus);
  }

  flow.addEventListener("click", (event) => {
    const link = event.target.closest("a.flow-go");
    if (!link || event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    history.pushState(null, "", link.href);
    show(true);
  });

  // Back and Forward; a jump to the printed key (#k-…) changes no state and moves nothing.
  // The browser ends a traversal by moving focus to the fragment's target (here a block that
  // cannot hold focus, so the page body), after popstate: focus the heading once it has.
  window.addEventListener("popstate", () => {
    const state = stateFromUrl();
    if (!state || (state.alone || state.answers.join(".")) !== shown) setTimeout(show, 0, true);
  });

  flow.classList.add("flow--js");
  show(false);
})();
