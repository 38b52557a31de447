// The hiring board: drag a card to another column. The drop posts the same action as the card's
// Move button (which remains the keyboard and phone path), then reloads to show the result.
(() => {
  const board = document.getElementById("board");
  if (!board || !board.dataset.canMove) return;
  const csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
  let dragged = null;

  board.addEventListener("dragstart", (event) => {
    dragged = event.target.closest(".board-card");
    if (!dragged) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.moveUrl);
    dragged.classList.add("opacity-50");
  });
  board.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("opacity-50");
    board.querySelectorAll(".board-column").forEach((c) => c.classList.remove("border-primary"));
  });
  board.addEventListener("dragover", (event) => {
    const column = event.target.closest(".board-column");
    if (!column || !dragged) return;
    event.preventDefault();
    column.classList.add("border-primary");
  });
  board.addEventListener("dragleave", (event) => {
    const column = event.target.closest(".board-column");
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("border-primary");
  });
  board.addEventListener("drop", async (event) => {
    const column = event.target.closest(".board-column");
    if (!column || !dragged) return;
    event.preventDefault();
    const body = new URLSearchParams({ stage: column.dataset.stage });
    const response = await fetch(dragged.dataset.moveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
      body,
      credentials: "same-origin",
    });
    if (!response.ok) {
      const data = await response.json().catch(() => ({}));
      window.alert(data.error || "The card could not be moved.");
    }
    window.location.reload();
  });
  board.dataset.ready = "1"; // listening: a drag from now on is seen (browser tests wait for it)
})();
