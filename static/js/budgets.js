// Budget detail page: Escape cancels the line being edited. htmx does the rest.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  // The editor under the cursor, else the only one open (focus may have left it after a swap).
  const open = document.querySelectorAll("[data-line-edit]");
  const row = event.target.closest("[data-line-edit]") || (open.length === 1 ? open[0] : null);
  const cancel = row && row.querySelector("[data-cancel]");
  if (!cancel) return;
  // Issue the cancel request directly: content htmx has just swapped in is only wired up after
  // its settle delay, and a click in that moment would do nothing.
  htmx.ajax("GET", cancel.getAttribute("hx-get"), {
    target: cancel.getAttribute("hx-target"),
    swap: cancel.getAttribute("hx-swap"),
  });
});

// When htmx swaps an editor or the add form in, the element that had focus is gone: put the
// cursor on the first field with an error, else the field marked data-autofocus, else the editor's
// first field, so the keyboard keeps working (Enter saves, Escape cancels). Only when nothing has
// focus: a field the user has already chosen is never taken from them. (The HTML autofocus
// attribute is not used because browsers apply it later, and it could steal focus mid-typing.)
function restoreFocus() {
  const active = document.activeElement;
  if (active && active !== document.body) return;
  const editor = document.querySelector("[data-line-edit]");
  const error = editor && editor.querySelector("[data-field-error]");
  const cell = error && error.closest("td, div");
  const field =
    (cell && cell.querySelector("input, select")) ||
    document.querySelector("[data-autofocus]") ||
    (editor && editor.querySelector("input, select"));
  if (field) field.focus();
}
document.body.addEventListener("htmx:afterSettle", restoreFocus);
document.addEventListener("DOMContentLoaded", restoreFocus);
