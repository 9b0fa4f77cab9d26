// A handout's page. On every handout: the client's name and a note, kept on this device only and
// printed on the sheet with the date of printing, and the print button. On the handout page
// (handout/, which holds #handout-data): the items named in its address, or else the handout being
// built on this device (handout.js), shown from the texts embedded in the page; buttons to reorder
// and remove them; the handout's link in every language, for guide.js's copy buttons; its QR code
// (qr.js); the language switcher kept on the same handout. Nothing is sent anywhere.
(() => {
  "use strict";

  const sheet = document.querySelector("[data-handout-page]");
  const store = window.netguideHandout;
  if (!sheet || !store) return;

  const NOTES = "netguide.handout.notes";
  const NOTES_KEPT = 50; // the handouts whose name and note are kept; the oldest go first
  const fields = sheet.querySelector("[data-handout-fields]");
  const nameInput = sheet.querySelector("[data-handout-name]");
  const namePrint = sheet.querySelector("[data-handout-name-print]");
  const noteInput = sheet.querySelector("[data-handout-note]");
  const notePrint = sheet.querySelector("[data-handout-note-print]");
  const language = document.documentElement.lang;
  let noteKey = fields.dataset.noteKey;

  // --- Name and note: {handout's key: {name, note}}, the key being its address or its short link --------
  function readNotes() {
    try {
      const saved = JSON.parse(window.localStorage.getItem(NOTES) || "{}");
      return saved && typeof saved === "object" && !Array.isArray(saved) ? saved : {};
    } catch {
      return {};
    }
  }

  function writeNotes(all) {
    try {
      const keys = Object.keys(all);
      for (const key of keys.slice(0, Math.max(0, keys.length - NOTES_KEPT))) delete all[key];
      if (keys.length) window.localStorage.setItem(NOTES, JSON.stringify(all));
      else window.localStorage.removeItem(NOTES);
    } catch {
      // Storage refused: the fields last as long as the page.
    }
  }

  function mirror() {
    namePrint.textContent = nameInput.value.trim();
    notePrint.textContent = noteInput.value.trim();
    notePrint.hidden = !notePrint.textContent;
  }

  function showNotes() {
    const saved = noteKey ? readNotes()[noteKey] || {} : {};
    nameInput.value = typeof saved.name === "string" ? saved.name : "";
    noteInput.value = typeof saved.note === "string" ? saved.note : "";
    mirror();
  }

  function saveNotes() {
    mirror();
    if (!noteKey) return;
    const all = readNotes();
    delete all[noteKey]; // re-added last: the most recent stay
    if (nameInput.value.trim() || noteInput.value.trim()) all[noteKey] = { name: nameInput.value, note: noteInput.value };
    writeNotes(all);
  }

  // The items changed, so the handout's key did: its name and note follow it.
  function renameNotes(key) {
    const all = readNotes();
    if (key && noteKey && key !== noteKey && all[noteKey]) {
      all[key] = all[noteKey];
      delete all[noteKey];
      writeNotes(all);
    }
    noteKey = key;
  }

  sheet.classList.add("handout--js");
  nameInput.hidden = false;
  noteInput.hidden = false;
  nameInput.addEventListener("input", saveNotes);
  noteInput.addEventListener("input", saveNotes);
  const date = sheet.querySelector("[data-handout-date]");
  if (date) date.textContent = new Intl.DateTimeFormat(language, { dateStyle: "long" }).format(new Date());
  for (const button of document.querySelectorAll("button[data-handout-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }

  const dataElement = document.getElementById("handout-data");
  if (!dataElement) {
    showNotes();
    return;
  }

  // --- The handout page ------------------------------------------------------------------------------
  const data = JSON.parse(dataElement.textContent);
  const list = sheet.querySelector("[data-handout-items]");
  const template = document.getElementById("handout-item-template");
  const announcer = sheet.querySelector("[data-handout-announce]");
  const empty = sheet.querySelector("[data-handout-empty]");
  const notice = sheet.querySelector("[data-handout-notice]");
  const linkRows = [...document.querySelectorAll("[data-handout-link]")];
  const qr = sheet.querySelector("[data-handout-qr]");
  const address = sheet.querySelector("[data-handout-url]");
  const switchers = [...document.querySelectorAll("a.md-select__link[hreflang]")];
  for (const link of switchers) link.dataset.base = link.href.split(/[?#]/)[0];

  // An ID as given, in any case, or a retired one: the item it is now, or null.
  function find(key, id) {
    const kind = data.kinds[key];
    if (!kind) return null;
    const same = (ids) => (id in ids ? id : Object.keys(ids).find((known) => known.toLowerCase() === id.toLowerCase()));
    const current = same(kind.items);
    if (current !== undefined) return { item: `${key}:${current}` };
    const retired = same(kind.retired);
    if (retired !== undefined && kind.items[kind.retired[retired]]) {
      return { item: `${key}:${kind.retired[retired]}`, replaces: retired };
    }
    return null;
  }

  const replaces = new Map(); // item -> the retired ID it was asked for by
  function resolve(asked) {
    const items = [];
    const unknown = [];
    const replaced = [];
    for (const [key, id] of asked) {
      const found = find(key, id);
      if (!found) {
        unknown.push(data.kinds[key] ? id : `${key}=${id}`);
        continue;
      }
      if (found.replaces) {
        replaces.set(found.item, found.replaces);
        replaced.push(`${found.replaces} → ${store.split(found.item)[1]}`);
      }
      if (!items.includes(found.item)) items.push(found.item);
    }
    return { items, unknown, replaced };
  }

  function say(element, values) {
    element.hidden = !values;
    if (values) element.textContent = store.fill(element.dataset.text, values);
  }

  const asked = store.parse(window.location.search);
  const fromAddress = asked.length > 0;
  const resolved = resolve(fromAddress ? asked : store.read().map(store.split));
  let items = resolved.items.slice(0, data.max);
  say(notice.querySelector("[data-handout-unknown]"), fromAddress && resolved.unknown.length
    ? { ids: resolved.unknown.join(", ") } : null);
  say(notice.querySelector("[data-handout-retired]"), fromAddress && resolved.replaced.length
    ? { pairs: resolved.replaced.join(", ") } : null);
  notice.querySelector("[data-handout-cut]").hidden = resolved.items.length <= data.max;
  notice.hidden = [...notice.children].every((child) => child.hidden);

  function nameOf(item) {
    const [key, id] = store.split(item);
    const card = data.kinds[key].items[id];
    return card.code ? `${card.code} ${card.title}` : card.title;
  }

  function tool(action, label, item) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button handout-item__tool";
    button.dataset.action = action;
    button.textContent = label;
    button.setAttribute("aria-label", `${label} ${nameOf(item)}`);
    return button;
  }

  function entry(item, index) {
    const [key, id] = store.split(item);
    const kind = data.kinds[key];
    const card = kind.items[id];
    const node = template.content.firstElementChild.cloneNode(true);
    node.dataset.item = item;
    node.querySelector(".handout-item__label").textContent = kind.label;
    const context = node.querySelector(".handout-item__context");
    if (card.context) context.textContent = ` · ${card.context}`;
    else context.remove();
    const code = node.querySelector(".guide-code");
    if (card.code) {
      code.textContent = card.code;
    } else {
      code.nextSibling.remove(); // the space after the code
      code.remove();
    }
    if (replaces.has(item)) {
      const note = document.createElement("span");
      note.className = "handout-item__replaces";
      note.textContent = ` · ${store.fill(list.dataset.replaces, { id: replaces.get(item) })}`;
      node.querySelector(".handout-item__kind").append(note);
    }
    node.querySelector(".handout-item__name").textContent = card.title;
    node.querySelector(".handout-item__text").textContent = card.text;
    const link = node.querySelector(".handout-item__link a");
    link.href = new URL(card.link, window.location.href).href;
    link.textContent = link.href;
    const tools = document.createElement("p");
    tools.className = "handout-item__tools guide-screen-only";
    if (index > 0) tools.append(tool("up", list.dataset.up, item));
    if (index < items.length - 1) tools.append(tool("down", list.dataset.down, item));
    tools.append(tool("remove", list.dataset.remove, item));
    node.append(tools);
    return node;
  }

  function linkTo(base, search) {
    return new URL(base + search, window.location.href).href;
  }

  function render() {
    const search = store.query(items);
    list.replaceChildren(...items.map(entry));
    empty.hidden = items.length > 0;
    const own = linkTo(window.location.pathname, search);
    for (const row of linkRows) {
      const href = linkTo(row.dataset.handoutLink, search);
      const shown = row.querySelector(".guide-permalink__url");
      shown.href = href;
      shown.textContent = href;
      row.querySelector("button[data-copy-href]").dataset.copyHref = href;
    }
    address.href = own;
    address.textContent = own;
    qr.setAttribute("aria-label", `${qr.dataset.label} ${own}`);
    try {
      qr.replaceChildren(window.netguideQR.svg(own));
      qr.hidden = false;
    } catch {
      qr.hidden = true; // qr.js missing, or a link too long for any QR code: the address is printed below
    }
    for (const link of switchers) link.href = link.dataset.base + search;
    return own;
  }

  // Once edited here, the handout on the page is the one being built on this device, and its
  // address the page's, so that a reload shows it again.
  let building = !fromAddress;
  function edited(message, focus) {
    building = true;
    store.write(items);
    window.history.replaceState(window.history.state, "", render());
    renameNotes(store.query(items));
    store.announce(announcer, message);
    focus();
  }

  list.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const item = button.closest("[data-item]").dataset.item;
    const index = items.indexOf(item);
    const action = button.dataset.action;
    const name = nameOf(item);
    if (action === "remove") {
      items.splice(index, 1);
      const next = items[Math.min(index, items.length - 1)];
      edited(store.fill(list.dataset.removed, { item: name }), () => {
        const target = next && list.querySelector(`[data-item="${CSS.escape(next)}"] [data-action="remove"]`);
        (target || document.querySelector("[data-handout-clear]")).focus();
      });
      return;
    }
    const to = action === "up" ? index - 1 : index + 1;
    items.splice(index, 1);
    items.splice(to, 0, item);
    edited(store.fill(list.dataset.moved, { item: name, position: to + 1 }), () => {
      const moved = list.querySelector(`[data-item="${CSS.escape(item)}"]`);
      const same = moved.querySelector(`[data-action="${action}"]`);
      (same || moved.querySelector(`[data-action="${action === "up" ? "down" : "up"}"]`)
        || moved.querySelector('[data-action="remove"]')).focus();
    });
  });

  document.querySelector("[data-handout-clear]").addEventListener("click", () => {
    items = [];
    building = true;
    store.write(items);
    window.history.replaceState(window.history.state, "", render());
    noteKey = "";
    showNotes();
  });

  // The handout being built changed in another tab: follow it, if it is the one on this page.
  window.addEventListener("storage", (event) => {
    if (!building || (event.key !== store.STORE && event.key !== null)) return;
    items = resolve(store.read().map(store.split)).items.slice(0, data.max);
    window.history.replaceState(window.history.state, "", render());
    renameNotes(store.query(items));
    showNotes();
  });

  sheet.querySelector("[data-handout-nojs]").hidden = true;
  sheet.querySelector("[data-handout-body]").hidden = false;
  const own = render();
  if (!fromAddress && items.length) window.history.replaceState(window.history.state, "", own);
  noteKey = store.query(items);
  showNotes();
})();
