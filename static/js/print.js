/* Posters and notices: a "Cetak" button where JavaScript runs (without it, Ctrl+P as the page says). */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
