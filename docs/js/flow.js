// Decision flows, enhanced. Without this file every node is still reached through plain links
// (#q-… / #o-…, shown by flow.css). With it: one node at a time, focus on the new node, Back and
// Forward, "your answers" with change links, restart, and a URL holding the exact state,
// ?a=<answer positions from the start, dot-separated>#<node reached>, kept by the language switcher.
(() => {
  "use strict";
  const flow = document.querySelector(".flow[data-start]");
  if (!flow) return;

  const start = flow.dataset.start;
  const nodes = new Map([...flow.querySelectorAll(".flow-node")].map((node) => [node.id, node]));
  const trail = flow.querySelector(".flow__trail");
  const steps = trail.querySelector(".flow__steps");
  const note = flow.querySelector(".flow__note");
  const copy = flow.querySelector(".flow__copy");
  const switchers = [...document.querySelectorAll("a.md-select__link[hreflang]")];
  const answersOf = (node) => [...node.querySelectorAll(".flow-answer")];
  const titleOf = (node) => node.querySelector(".flow-node__title").textContent.trim();
  let shown = null;

  // Where each answer leads, read once from its no-JavaScript link before hrefs carry the state.
  for (const node of nodes.values()) {
    for (const answer of answersOf(node)) answer.dataset.next = answer.hash.slice(1);
  }
  for (const link of switchers) link.dataset.base = link.href.split(/[?#]/)[0];

  function urlFor(answers, node) {
    const base = location.pathname;
    return answers.length ? `${base}?a=${answers.join(".")}#${node}` : base;
  }

  // Follow answer positions from the start; null when they do not fit the flow any more.
  function walk(answers) {
    const path = [start];
    for (const position of answers) {
      const answer = answersOf(nodes.get(path[path.length - 1]))[position - 1];
      if (!answer) return null;
      path.push(answer.dataset.next);
    }
    return { answers, path };
  }

  // The first way to a node, for plain #q-… / #o-… links (as shared without JavaScript).
  function wayTo(target) {
    const queue = [[]];
    while (queue.length) {
      const answers = queue.shift();
      const here = walk(answers).path.at(-1);
      if (here === target) return answers;
      answersOf(nodes.get(here)).forEach((_, index) => queue.push([...answers, index + 1]));
    }
    return null;
  }

  function stateFromUrl() {
    const raw = new URLSearchParams(location.search).get("a");
    const hash = location.hash.slice(1);
    const isNode = /^[qo]-/.test(hash);
    if (raw) {
      const state = /^[1-9]\d*(\.[1-9]\d*)*$/.test(raw) ? walk(raw.split(".").map(Number)) : null;
      return state && (!isNode || state.path.at(-1) === hash) ? state : null;
    }
    if (!isNode) return walk([]);
    const answers = nodes.has(hash) ? wayTo(hash) : null;
    return answers && walk(answers);
  }

  function changeItem(state, index) {
    const question = nodes.get(state.path[index]);
    const answer = answersOf(question)[state.answers[index] - 1];
    const item = document.createElement("li");
    const asked = document.createElement("span");
    const given = document.createElement("strong");
    const change = document.createElement("a");
    const hint = document.createElement("span");
    asked.textContent = `${titleOf(question)} `;
    given.textContent = answer.textContent.trim();
    hint.className = "flow-sr";
    hint.textContent = ` ${steps.dataset.changeHint} ${titleOf(question)}`;
    change.className = "flow-go flow__change";
    change.href = urlFor(state.answers.slice(0, index), question.id);
    change.append(steps.dataset.change, hint);
    item.append(asked, given, " ", change);
    return item;
  }

  function render(state, moveFocus) {
    const here = state.path.at(-1);
    const node = nodes.get(here);
    shown = state.answers.join(".");
    for (const [id, element] of nodes) element.classList.toggle("is-current", id === here);
    answersOf(node).forEach((answer, index) => {
      answer.href = urlFor([...state.answers, index + 1], answer.dataset.next);
    });
    for (const restart of flow.querySelectorAll("[data-restart]")) restart.href = urlFor([], start);
    steps.replaceChildren(...state.answers.map((_, index) => changeItem(state, index)));
    trail.hidden = !state.answers.length;
    // guide.js copies whatever data-copy-href holds when the button is pressed.
    copy.dataset.copyHref = urlFor(state.answers, here);
    const suffix = copy.dataset.copyHref.slice(location.pathname.length);
    for (const link of switchers) link.href = link.dataset.base + suffix;
    if (moveFocus) node.querySelector(".flow-node__title").focus();
  }

  function show(moveFocus) {
    let state = stateFromUrl();
    note.hidden = Boolean(state);
    if (!state) {
      note.textContent = note.dataset.stale;
      state = walk([]);
    }
    history.replaceState(history.state, "", urlFor(state.answers, state.path.at(-1)));
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
    if (!state || state.answers.join(".") !== shown) setTimeout(show, 0, true);
  });

  flow.classList.add("flow--js");
  show(false);
})();
