// The handout being built on this device. On the rule index and on the pages of rules, checklists
// and results: the "add to handout" toggles, the counter with the link that opens the handout, and
// an announcement of each change for screen readers. On the handout pages, the store and the
// address format that handout-page.js uses. Nothing is sent anywhere: the items are kept in this
// browser's localStorage. Without this file the controls stay hidden and every page still works.
// The pages with controls do not list this file: js/guide.js loads it when this browser holds a
// handout, or on the first press of an "add" button (which it then presses again, here).
(() => {
  "use strict";

  const STORE = "netguide.handout";
  // The most items a handout holds (netguide.kinds.handouts.ADDRESS_MAX_ITEMS says the same).
  const MAX_ITEMS = 30;

  // An item is "<letter>:<ID>", the letter being its kind's in a handout's address (r, c, o…).
  function split(item) {
    const at = item.indexOf(":");
    return [item.slice(0, at), item.slice(at + 1)];
  }

  function read() {
    try {
      const saved = JSON.parse(window.localStorage.getItem(STORE) || "{}");
      const items = saved && Array.isArray(saved.items) ? saved.items : [];
      return items.filter((item) => typeof item === "string" && item.indexOf(":") > 0);
    } catch {
      return [];
    }
  }

  function write(items) {
    try {
      if (items.length) window.localStorage.setItem(STORE, JSON.stringify({ items }));
      else window.localStorage.removeItem(STORE);
      return true;
    } catch {
      return false;
    }
  }

  // Storage may be refused (some private modes): then nothing can be built, and the controls stay hidden.
  function storageWorks() {
    try {
      window.localStorage.setItem(`${STORE}.probe`, "1");
      window.localStorage.removeItem(`${STORE}.probe`);
      return true;
    } catch {
      return false;
    }
  }

  // The address of a handout: ?r=R07,R12&c=avant-inviter&r=R20, runs of one kind in the handout's
  // order (netguide.kinds.handouts.HandoutKind.address writes the same). IDs are letters, digits,
  // hyphens and slashes: they stay unencoded, so that the link stays readable.
  function query(items) {
    const runs = [];
    for (const item of items) {
      const [key, id] = split(item);
      const last = runs[runs.length - 1];
      if (last && last.key === key) last.ids.push(id);
      else runs.push({ key, ids: [id] });
    }
    return runs.length ? `?${runs.map((run) => `${run.key}=${run.ids.join(",")}`).join("&")}` : "";
  }

  // Every [letter, ID] an address names, in its order.
  function parse(search) {
    const found = [];
    for (const [key, value] of new URLSearchParams(search)) {
      for (const id of value.split(",")) {
        if (id.trim()) found.push([key.trim(), id.trim()]);
      }
    }
    return found;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
  }

  function announce(status, message) {
    // Emptying first makes screen readers say the message again after a second click.
    status.textContent = "";
    window.requestAnimationFrame(() => { status.textContent = message; });
  }

  window.netguideHandout = { read, write, query, parse, split, fill, announce, storageWorks, MAX_ITEMS, STORE };

  const buttons = [...document.querySelectorAll("button[data-handout-item]")];
  const trays = [...document.querySelectorAll("[data-handout-tray]")];
  const status = document.querySelector("[data-handout-status]");
  if (!buttons.length || !status || !storageWorks()) return;

  for (const tray of trays) {
    const link = tray.querySelector("[data-handout-open]");
    link.dataset.base = link.getAttribute("href");
  }

  function countOf(items, element) {
    return fill(items.length === 1 ? element.dataset.one : element.dataset.other, { count: items.length });
  }

  function refresh() {
    const items = read();
    for (const button of buttons) button.setAttribute("aria-pressed", String(items.includes(button.dataset.handoutItem)));
    for (const tray of trays) {
      const link = tray.querySelector("[data-handout-open]");
      link.href = link.dataset.base + query(items);
      const count = tray.querySelector("[data-handout-count]");
      count.textContent = countOf(items, count);
      tray.hidden = !items.length;
    }
    return items;
  }

  function toggle(button) {
    const item = button.dataset.handoutItem;
    const name = button.dataset.handoutName;
    const items = read();
    let message;
    if (items.includes(item)) {
      write(items.filter((other) => other !== item));
      message = fill(status.dataset.removed, { item: name });
    } else if (items.length >= MAX_ITEMS) {
      message = fill(status.dataset.full, { max: MAX_ITEMS });
    } else {
      write([...items, item]);
      message = fill(status.dataset.added, { item: name });
    }
    const now = refresh();
    const count = trays.length ? trays[0].querySelector("[data-handout-count]") : null;
    announce(status, count && now.length ? `${message} ${countOf(now, count)}` : message);
  }

  for (const button of buttons) {
    button.hidden = false;
    button.addEventListener("click", () => toggle(button));
  }
  for (const shown of document.querySelectorAll("[data-handout-hint], [data-handout-column]")) shown.hidden = false;
  // Another tab changed the handout, or Back brought this page out of the browser's cache.
  window.addEventListener("storage", (event) => { if (event.key === STORE || event.key === null) refresh(); });
  window.addEventListener("pageshow", refresh);
  refresh();
})();
