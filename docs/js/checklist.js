// Checklists: keep a checklist's ticks on this device and offer a print button.
// Without this file the page still works: the boxes tick, "Clear all ticks" is a plain
// form reset, and the browser's own Print command prints the sheet.
(() => {
  "use strict";

  const STORAGE_PREFIX = "netguide.checklist.";

  // localStorage throws where storage is disabled (some private modes): ticks then last the visit.
  function readTicks(key) {
    try {
      const saved = JSON.parse(window.localStorage.getItem(key) || "[]");
      return Array.isArray(saved) ? saved : [];
    } catch {
      return [];
    }
  }

  function writeTicks(key, names) {
    try {
      if (names.length) {
        window.localStorage.setItem(key, JSON.stringify(names));
      } else {
        window.localStorage.removeItem(key);
      }
      return true;
    } catch {
      return false;
    }
  }

  function storageWorks() {
    try {
      const probe = STORAGE_PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return true;
    } catch {
      return false;
    }
  }

  function boxesOf(form) {
    return Array.from(form.querySelectorAll("input[type=checkbox]"));
  }

  function remember(form) {
    const key = STORAGE_PREFIX + form.dataset.checklistStore;
    const status = form.querySelector("[role=status]");
    // The same ticks in every language: the boxes are named after their rule, not their text.
    const ticked = new Set(readTicks(key));
    for (const box of boxesOf(form)) {
      box.checked = ticked.has(box.name);
    }
    form.addEventListener("change", () => {
      writeTicks(key, boxesOf(form).filter((box) => box.checked).map((box) => box.name));
      if (status) status.textContent = "";
    });
    form.addEventListener("reset", () => {
      writeTicks(key, []);
      if (status) status.textContent = status.dataset.cleared;
    });
    const note = form.parentElement.querySelector("[data-checklist-note]");
    if (note && storageWorks()) note.hidden = false;
  }

  for (const form of document.querySelectorAll("form[data-checklist-store]")) {
    remember(form);
  }

  for (const button of document.querySelectorAll("button[data-checklist-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
})();
