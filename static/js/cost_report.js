// Cost report: a category opens to its accounts, an account to its actuals and commitments,
// without reloading the page. The first click fetches the rows (the link's plain href works
// without JavaScript); later clicks hide and show them.
document.addEventListener("click", async (event) => {
  const toggle = event.target.closest("[data-cost-open]");
  if (!toggle) return;
  event.preventDefault();
  const key = toggle.dataset.key;
  const row = toggle.closest("tr");
  const open = toggle.getAttribute("aria-expanded") !== "true";
  if (open && !toggle.dataset.loaded) {
    const response = await fetch(toggle.dataset.costOpen, { headers: { "HX-Request": "true" } });
    if (!response.ok) return;
    row.insertAdjacentHTML("afterend", await response.text());
    toggle.dataset.loaded = "1";
  } else {
    setShown(key, open);
  }
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
  const caret = toggle.querySelector(".bi");
  if (caret) caret.className = `bi bi-caret-${open ? "down" : "right"}-fill`;
});

// Hiding a category hides its accounts and their transactions; showing it shows its accounts.
function setShown(key, shown) {
  for (const child of document.querySelectorAll(`tr[data-parent="${CSS.escape(key)}"]`)) {
    child.hidden = !shown;
    const inner = child.querySelector("[data-cost-open]");
    if (!shown && inner && inner.getAttribute("aria-expanded") === "true") {
      setShown(inner.dataset.key, false);
      inner.setAttribute("aria-expanded", "false");
      const caret = inner.querySelector(".bi");
      if (caret) caret.className = "bi bi-caret-right-fill";
    }
  }
}
