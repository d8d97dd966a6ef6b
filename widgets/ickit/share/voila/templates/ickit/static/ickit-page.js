// The kit's watch over a dashboard page (loaded before Voila's own scripts).
// - When the page's kernel has ended, or the server can no longer be reached, a notice at the top
//   of the page says so at once and what to do: changes are no longer applied, the download links
//   already on the page still work, and reloading starts again.
// - Once the visitor has changed something, leaving the page asks first (until they download).
// - The kernel is shut down once the page is left, not before: Voila's page does it as the page
//   is about to go (beforeunload), so a visitor who chose to stay was left with a dead dashboard.
// It watches the kernel's websocket as the browser gives it to Voila: a status message of the
// Jupyter messaging protocol (as JSON text, or in the v1 binary framing) saying the kernel is dead
// or restarting (a restarted kernel has lost the dashboard), or the socket closing while the
// server no longer knows the kernel or cannot be reached.
// Voila's front end, as ickit/upstream.py lists it: its widget manager adds a beforeunload
// listener, after this script's, that posts to voila/api/shutdown/<kernel id> with the _xsrf
// cookie as a form field and closes the kernel's connection; the kit's page handler sets that
// cookie.
(function () {
  "use strict";
  const CHANNELS = /\/api\/kernels\/([0-9a-f-]+)\/channels/;
  const ENDED = new Set(["dead", "restarting", "autorestarting"]);
  const CAUSES = {
    kernel: "Its kernel on the server has ended.",
    server: "The server cannot be reached: it may have stopped or restarted.",
  };
  let changed = false;
  let leaving = false;
  let stopped = false;
  let kernel = null;  // the id of the page's kernel, once Voila connects to it

  function say(cause) {
    if (stopped || leaving) return;
    stopped = true;
    const notice = document.createElement("div");
    notice.className = "ickit-stopped";
    notice.setAttribute("role", "alert");
    const lines = [
      ["strong", "This dashboard has stopped. "],
      ["span", CAUSES[cause] + " Changes you make now are not applied. "],
      ["span", "Download links already on the page still work: save what you need from them, "
               + "then reload the page to start again."],
    ];
    for (const [tag, text] of lines) {
      const part = document.createElement(tag);
      part.textContent = text;
      notice.appendChild(part);
    }
    const reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = "Reload the page";
    reload.addEventListener("click", () => window.location.reload());
    notice.appendChild(reload);
    document.body.prepend(notice);
  }

  function decode(buffer, offsets, i) {
    return JSON.parse(new TextDecoder().decode(buffer.slice(offsets[i], offsets[i + 1])));
  }

  // The kernel's execution state in a status message, or null for any other message.
  function state(data) {
    try {
      if (typeof data === "string") {
        const msg = JSON.parse(data);
        return msg.header.msg_type === "status" ? msg.content.execution_state : null;
      }
      // v1.kernel.websocket.jupyter.org: the number of offsets, the offsets (64-bit, little
      // endian), then the channel, header, parent header, metadata, content and buffers
      const view = new DataView(data);
      const count = Number(view.getBigUint64(0, true));
      const offsets = [];
      for (let i = 1; i <= count; i++) offsets.push(Number(view.getBigUint64(8 * i, true)));
      offsets.push(data.byteLength);
      return decode(data, offsets, 1).msg_type === "status"
        ? decode(data, offsets, 4).execution_state : null;
    } catch (error) {
      return null;
    }
  }

  const base = () => document.body.dataset.baseUrl.replace(/voila\/$/, "");

  // After the socket closed: is the kernel still there (then Voila reconnects by itself)?
  function check(kernelId) {
    fetch(`${base()}api/kernels/${kernelId}`, {credentials: "same-origin", cache: "no-store"})
      .then((response) => { if (response.status === 404) say("kernel"); })
      .catch(() => say("server"));
  }

  const Native = window.WebSocket;
  class Watched extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      const match = CHANNELS.exec(String(url));
      if (!match) return;
      kernel = match[1];
      this.addEventListener("message", (event) => {
        if (ENDED.has(state(event.data))) say("kernel");
      });
      this.addEventListener("close", () => { if (!stopped && !leaving) check(match[1]); });
    }
  }
  window.WebSocket = Watched;

  const inPage = (event) => event.target instanceof Element
    && event.target.closest("#rendered_cells") !== null;
  for (const type of ["input", "change"]) {
    document.addEventListener(type, (event) => { if (inPage(event)) changed = true; }, true);
  }
  document.addEventListener("click", (event) => {
    if (!inPage(event)) return;
    if (event.target.closest("a[download]")) changed = false;
    else if (event.target.closest("button")) changed = true;
  }, true);
  window.addEventListener("beforeunload", (event) => {
    event.stopImmediatePropagation();  // Voila's listener: see above
    if (changed) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  window.addEventListener("pagehide", () => {
    leaving = true;
    if (kernel === null) return;
    const form = new FormData();
    form.append("_xsrf", (document.cookie.match(/\b_xsrf=([^;]*)/) || ["", ""])[1]);
    navigator.sendBeacon(`${base()}voila/api/shutdown/${kernel}`, form);
  });
})();
