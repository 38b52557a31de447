// Stripboard drag and drop: one POST per move (scene, target day or bin, position); the server
// re-sequences and answers with the refreshed day headers, which replace the old ones here.
(function () {
  const board = document.getElementById("board");
  if (!board || board.dataset.editable !== "1" || typeof Sortable === "undefined") {
    return;
  }
  const csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];

  function refresh(payload) {
    Object.entries(payload.days || {}).forEach(([id, html]) => {
      const header = document.getElementById(`day-header-${id}`);
      if (header) header.innerHTML = html;
    });
    const summary = document.getElementById("board-summary");
    if (summary && payload.summary) summary.innerHTML = payload.summary;
  }

  function move(event) {
    if (event.from === event.to && event.oldIndex === event.newIndex) return;
    const body = new FormData();
    body.append("scene", event.item.dataset.scene);
    body.append("day", event.to.dataset.day);
    body.append("position", event.newIndex);
    board.setAttribute("aria-busy", "true");
    fetch(board.dataset.moveUrl, {
      method: "POST",
      body: body,
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
      credentials: "same-origin",
    })
      .then((response) => {
        if (!response.ok) throw new Error(`move refused (${response.status})`);
        return response.json();
      })
      .then(refresh)
      .catch(() => window.location.reload())
      .finally(() => board.removeAttribute("aria-busy"));
  }

  board.querySelectorAll(".strip-list").forEach((list) => {
    Sortable.create(list, {
      group: "board",
      animation: 120,
      handle: ".strip",
      filter: "input, button",
      preventOnFilter: false,
      forceFallback: true, // mouse events, not HTML5 DnD: works the same with a mouse, a finger or a test
      onEnd: move,
    });
  });
})();
