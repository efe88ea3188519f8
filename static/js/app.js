/* LokerWarga: keyboard focus and screen-reader announcements around htmx swaps.
   No inline script anywhere (the Content-Security-Policy forbids it); the page works without this file. */
(function () {
  "use strict";

  var announcer = null;
  var lastSaid = {}; /* per region: a region that polls (job progress) speaks only when it changes */

  /* One polite live region that exists before anything changes, so every message is read. */
  function setUpAnnouncer() {
    announcer = document.createElement("div");
    announcer.id = "lw-announce";
    announcer.className = "visually-hidden";
    announcer.setAttribute("aria-live", "polite");
    announcer.setAttribute("aria-atomic", "true");
    document.body.appendChild(announcer);
  }

  function announce(text) {
    text = (text || "").replace(/\s+/g, " ").trim();
    if (!announcer || !text) return;
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function focusOn(el) {
    if (!el) return;
    if (!el.matches("a[href], button, input, select, textarea, summary, [tabindex]")) {
      el.setAttribute("tabindex", "-1");
    }
    el.focus({ preventScroll: true });
    if (el.scrollIntoView) el.scrollIntoView({ block: "nearest" });
  }

  function firstInvalid(root) {
    return root.querySelector('[aria-invalid="true"]');
  }

  /* The element htmx swapped in: for an outerHTML swap the old target is gone, its id remains. */
  function swappedRegion(detail) {
    var target = detail.target;
    if (target && !target.isConnected && target.id) target = document.getElementById(target.id);
    return target && target.isConnected ? target : null;
  }

  function focusWasLost(region) {
    var active = document.activeElement;
    return !active || active === document.body || !active.isConnected || region.contains(active);
  }

  document.addEventListener("htmx:afterSwap", function (evt) {
    var region = swappedRegion(evt.detail);
    if (!region) return;
    var invalid = firstInvalid(region);
    var messages = region.querySelectorAll("[data-announce], [role=status], .flash");
    var text = Array.prototype.map.call(messages, function (m) { return m.textContent; }).join(" ");
    if (invalid) {
      focusOn(invalid); /* its label and error (aria-describedby) are read with it */
      return;
    }
    if (focusWasLost(region)) {
      /* The control the user pressed was replaced: land on the region's heading or message. */
      focusOn(region.querySelector("[role=status], .flash, h1, h2, h3") || region);
    }
    var polling = /\bevery\b/.test(region.getAttribute("data-hx-trigger") || "");
    var key = region.id || "";
    if (!polling || lastSaid[key] !== text) announce(text);
    lastSaid[key] = text;
  });

  /* htmx does not swap error responses (4xx/5xx): say so instead of doing nothing. */
  function requestFailed() {
    var flash = document.getElementById("flash");
    var message = document.body.getAttribute("data-lw-error");
    if (!flash || !message) return;
    var p = document.createElement("p");
    p.className = "flash flash-error";
    p.setAttribute("role", "alert");
    p.textContent = message;
    flash.replaceChildren(p);
    focusOn(p);
  }
  document.addEventListener("htmx:responseError", requestFailed);
  document.addEventListener("htmx:sendError", requestFailed);

  /* A table wider than the screen scrolls inside its frame: let the keyboard scroll it too. */
  function scrollableTables() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) wrap.setAttribute("tabindex", "0");
      else wrap.removeAttribute("tabindex");
    });
  }

  /* The menu link of the page you are on (the longest matching path). */
  function markCurrentPage() {
    var best = null;
    document.querySelectorAll(".nav a[href]").forEach(function (a) {
      var path = new URL(a.href).pathname;
      if (location.pathname.indexOf(path) === 0 && (!best || path.length > new URL(best.href).pathname.length)) best = a;
    });
    if (best) best.setAttribute("aria-current", "page");
  }

  function ready() {
    setUpAnnouncer();
    markCurrentPage();
    scrollableTables();
    window.addEventListener("resize", scrollableTables);
    document.addEventListener("htmx:afterSettle", scrollableTables);
    /* A form sent back with errors (without htmx): start at the first field to correct. */
    var invalid = firstInvalid(document);
    if (invalid && (document.activeElement === document.body || !document.activeElement)) focusOn(invalid);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
