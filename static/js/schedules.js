// The stripboard, worked without page reloads. Every change is one POST (a strip dragged, a
// selection moved from the bar or with the keys, a sort, a banner dragged); the server
// re-sequences and answers with the affected days redrawn, every day header, the summary and the
// pages chart, which replace the old ones here. The scroll position and the selection are kept.
(function () {
  const board = document.getElementById("board");
  if (!board || board.dataset.editable !== "1" || typeof Sortable === "undefined") {
    return;
  }
  const csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
  const status = document.getElementById("board-status");
  const selectionForm = document.getElementById("selection-form");
  const countLabel = document.getElementById("selection-count");
  const sheetsLink = document.getElementById("selection-sheets");
  const END = 1000000;

  function announce(message) {
    if (status) status.textContent = message;
  }

  function withFilter(url) {
    // The board's filter (in the page's query string) so the redrawn strips keep it.
    const query = window.location.search;
    if (!query) return url;
    return url + (url.includes("?") ? "&" : "?") + query.slice(1);
  }

  function selectedIds() {
    return Array.from(board.querySelectorAll(".strip-select:checked")).map((box) => box.value);
  }

  function updateSelection() {
    const ids = selectedIds();
    if (countLabel) {
      countLabel.textContent = ids.length
        ? `${ids.length} selected`
        : "Select strips to move them together";
    }
    if (sheetsLink) {
      sheetsLink.href = ids.length
        ? `${sheetsLink.dataset.base}?scenes=${ids.join(",")}`
        : sheetsLink.dataset.base;
    }
  }

  function refresh(payload) {
    const scroll = window.scrollY;
    const keep = new Set(selectedIds());
    const focused = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.scene
      : null;
    Object.entries(payload.days || {}).forEach(([id, html]) => {
      const header = document.getElementById(`day-header-${id}`);
      if (header) header.innerHTML = html;
    });
    Object.entries(payload.lists || {}).forEach(([id, html]) => {
      const list = board.querySelector(`ol.strip-list[data-day="${id}"]`);
      if (list) list.innerHTML = html;
    });
    board.querySelectorAll(".strip-select").forEach((box) => {
      box.checked = keep.has(box.value);
    });
    const binCount = document.getElementById("bin-count");
    if (binCount && payload.bin_count !== undefined) binCount.textContent = payload.bin_count;
    const summary = document.getElementById("board-summary");
    if (summary && payload.summary) summary.innerHTML = payload.summary;
    const chart = document.getElementById("board-chart");
    if (chart && payload.chart) chart.innerHTML = payload.chart;
    if (focused) {
      const strip = board.querySelector(`.strip[data-scene="${focused}"]`);
      if (strip) strip.focus({ preventScroll: true });
    }
    window.scrollTo(0, scroll);
    updateSelection();
  }

  function post(url, body) {
    board.setAttribute("aria-busy", "true");
    return fetch(withFilter(url), {
      method: "POST",
      body: body,
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
      credentials: "same-origin",
    })
      .then((response) =>
        response.json().then((payload) => {
          if (!response.ok) throw new Error(payload.error || `refused (${response.status})`);
          return payload;
        }),
      )
      .then((payload) => {
        refresh(payload);
        return payload;
      })
      .finally(() => board.removeAttribute("aria-busy"));
  }

  function listLabel(list) {
    return list ? list.dataset.label : "";
  }

  function moveScenes(ids, list, position, what) {
    const body = new FormData();
    ids.forEach((id) => body.append("scenes", id));
    body.append("day", list.dataset.day);
    if (position !== null) body.append("position", position);
    return post(board.dataset.moveManyUrl, body).then(() => {
      announce(`${what} moved to ${listLabel(list)}.`);
    });
  }

  function describe(ids) {
    if (ids.length === 1) {
      const strip = board.querySelector(`.strip[data-scene="${ids[0]}"]`);
      return `Scene ${strip ? strip.dataset.number : ""}`;
    }
    return `${ids.length} scenes`;
  }

  // --- Dragging ---------------------------------------------------------------------------------

  function dragEnd(event) {
    const item = event.item;
    if (event.from === event.to && event.oldIndex === event.newIndex) return;
    let request;
    if (item.classList.contains("banner")) {
      const body = new FormData();
      body.append("day", event.to.dataset.day);
      body.append("position", event.newIndex);
      request = post(board.dataset.bannerUrl.replace("/0/", `/${item.dataset.banner}/`), body);
    } else {
      const box = item.querySelector(".strip-select");
      const ids = box && box.checked ? selectedIds() : [item.dataset.scene];
      if (ids.length > 1) {
        // The rest of the selection joins the dragged strip: its place counted without them.
        const before = Array.from(event.to.children).slice(0, event.newIndex);
        const position = before.filter((el) => !ids.includes(el.dataset.scene)).length;
        request = moveScenes(ids, event.to, position, describe(ids));
      } else {
        const body = new FormData();
        body.append("scene", item.dataset.scene);
        body.append("day", event.to.dataset.day);
        body.append("position", event.newIndex);
        request = post(board.dataset.moveUrl, body).then(() =>
          announce(`${describe(ids)} moved to ${listLabel(event.to)}.`),
        );
      }
    }
    request.catch(() => window.location.reload());
  }

  board.querySelectorAll(".strip-list").forEach((list) => {
    Sortable.create(list, {
      group: "board",
      animation: 120,
      draggable: ".strip, .banner",
      filter: "input, button, select, summary, details",
      preventOnFilter: false,
      forceFallback: true, // mouse events, not HTML5 DnD: works the same with a mouse, a finger or a test
      // A banner stays off the bin; nothing joins a day whose shooting is recorded (the server
      // refuses it too: scenes can leave such a day, not join it).
      onMove: (event) =>
        !(event.dragged.classList.contains("banner") && event.to.dataset.day === "bin") &&
        !(event.to.dataset.recorded && event.to !== event.from),
      onEnd: dragEnd,
    });
  });

  // --- Selecting --------------------------------------------------------------------------------

  let lastBox = null;
  board.addEventListener("click", (event) => {
    const box = event.target.closest(".strip-select");
    if (box) {
      if (event.shiftKey && lastBox && lastBox !== box) {
        // Shift: everything between the last box ticked and this one, in board order.
        const boxes = Array.from(board.querySelectorAll(".strip-select"));
        const [from, to] = [boxes.indexOf(lastBox), boxes.indexOf(box)].sort((a, b) => a - b);
        boxes.slice(from, to + 1).forEach((b) => {
          b.checked = box.checked;
        });
      }
      lastBox = box;
      updateSelection();
      return;
    }
    const strip = event.target.closest(".strip");
    if (strip && (event.ctrlKey || event.metaKey) && !event.target.closest("form")) {
      const other = strip.querySelector(".strip-select");
      if (other) {
        other.checked = !other.checked;
        lastBox = other;
        updateSelection();
      }
    }
  });

  const clear = document.getElementById("selection-clear");
  if (clear) {
    clear.addEventListener("click", () => {
      board.querySelectorAll(".strip-select:checked").forEach((box) => {
        box.checked = false;
      });
      updateSelection();
    });
  }

  if (selectionForm) {
    selectionForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const ids = selectedIds();
      if (!ids.length) {
        announce("Select at least one strip to move.");
        return;
      }
      const target = board.querySelector(`ol.strip-list[data-day="${selectionForm.day.value}"]`);
      const position = selectionForm.position.value;
      moveScenes(ids, target, position === "" ? null : position, describe(ids)).catch((error) =>
        announce(error.message),
      );
    });
  }

  // A strip's own Move box and Bin button (the way to move a strip on a phone): the same request
  // as the form's, answered in place, so the page keeps where it was scrolled to.
  board.addEventListener("submit", (event) => {
    const form = event.target.closest("form.strip-move");
    if (!form) return;
    event.preventDefault();
    const body = new FormData(form);
    if (event.submitter && event.submitter.name) {
      body.append(event.submitter.name, event.submitter.value);
    }
    const id = body.get("scene");
    const what = describe([id]);
    post(form.action, body)
      .then(() => {
        const moved = board.querySelector(`.strip[data-scene="${id}"]`);
        announce(`${what} moved to ${listLabel(moved && moved.parentElement)}.`);
      })
      .catch((error) => announce(error.message));
  });

  document.querySelectorAll("form[data-board-fetch]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      post(form.action, new FormData(form))
        .then(() => announce("Sorted."))
        .catch((error) => announce(error.message));
    });
  });

  // --- Keys -------------------------------------------------------------------------------------
  // On a focused strip: Space selects it; Alt+Up/Down moves it (or the selection it belongs to)
  // one place; Alt+Shift+Up/Down to the end of the day before or the top of the day after.

  board.addEventListener("keydown", (event) => {
    const strip = event.target;
    if (!strip.classList || !strip.classList.contains("strip")) return;
    const box = strip.querySelector(".strip-select");
    if (event.key === " " && box) {
      event.preventDefault();
      box.checked = !box.checked;
      lastBox = box;
      updateSelection();
      return;
    }
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    const up = event.key === "ArrowUp";
    const ids = box && box.checked ? selectedIds() : [strip.dataset.scene];
    const list = strip.parentElement;
    let target = list;
    let position;
    if (event.shiftKey) {
      const lists = Array.from(board.querySelectorAll("ol.strip-list"));
      target = lists[lists.indexOf(list) + (up ? -1 : 1)];
      if (!target) {
        announce(up ? "This is the first day." : "This is the last list.");
        return;
      }
      position = up ? END : 0;
    } else {
      const others = Array.from(list.children).filter((el) => !ids.includes(el.dataset.scene));
      const index = others.filter(
        (el) => el.compareDocumentPosition(strip) & Node.DOCUMENT_POSITION_FOLLOWING,
      ).length;
      if (up && index === 0) {
        announce("Already at the top of the day.");
        return;
      }
      position = up ? index - 1 : index + 1;
      if (!up && index >= others.length) {
        announce("Already at the end of the day.");
        return;
      }
    }
    moveScenes(ids, target, position, describe(ids))
      .then(() => {
        const moved = board.querySelector(`.strip[data-scene="${strip.dataset.scene}"]`);
        if (moved) moved.focus();
      })
      .catch((error) => announce(error.message));
  });

  updateSelection();
  board.dataset.ready = "1"; // every handler is on: a drag from now on is seen (browser tests wait for it)
})();
