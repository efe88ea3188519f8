/* LokerWarga: a company's booth at a job fair, with JavaScript on.
   - Scanning: the pass's QR code read from the camera or from a photo, decoded in the page by jsQR
     (static/vendor, loaded only when a scan starts), fills the pass-code form and sends it.
   - Offline queue: a tap on "melamar / wawancara / lolos" that cannot reach the server waits in
     localStorage and is sent when the connection returns. The server keeps one record per pass and
     vacancy and answers a repeat with success, so a tap sent again is never a second record.
   Without this file the booth works as plain forms: type the code, post each tap. */
(function () {
  "use strict";

  function fill(template, key, value) {
    return (template || "").replace("{" + key + "}", value);
  }

  /* ---- scanning ------------------------------------------------------------------------------ */

  var decoderLoading = null;

  function loadDecoder(url) {
    if (window.jsQR) return Promise.resolve(window.jsQR);
    if (!decoderLoading) {
      decoderLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = function () { window.jsQR ? resolve(window.jsQR) : reject(new Error("jsQR")); };
        script.onerror = function () { decoderLoading = null; reject(new Error("jsQR")); };
        document.head.appendChild(script);
      });
    }
    return decoderLoading;
  }

  /* The image drawn no larger than `most` pixels a side: enough for a pass code, quick on a phone. */
  function pixels(canvas, source, width, height, most) {
    var scale = Math.min(1, most / Math.max(width, height));
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    var context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    return context.getImageData(0, 0, canvas.width, canvas.height);
  }

  function setUpScanner(box) {
    var form = document.querySelector("form[action] input[name=code]");
    form = form && form.form;
    if (!form || !navigator.mediaDevices && !window.createImageBitmap) return;
    var input = form.querySelector("input[name=code]");
    var status = box.querySelector("[data-scan-status]");
    var start = box.querySelector("[data-scan-start]");
    var stop = box.querySelector("[data-scan-stop]");
    var view = box.querySelector("[data-scan-view]");
    var photo = box.querySelector("[data-scan-photo]");
    var canvas = document.createElement("canvas");
    var stream = null, video = null, done = false, starting = false;

    function say(text) { status.textContent = text; }

    function found(code) {
      if (done) return;
      done = true;
      stopCamera();
      var text = code.trim();
      input.value = text;
      say(fill(box.getAttribute("data-says-found"), "code", text));
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    }

    function stopTracks(media) {
      media.getTracks().forEach(function (t) { t.stop(); });
    }

    function stopCamera() {
      if (stream) stopTracks(stream);
      stream = null;
      if (video) video.remove();
      video = null;
      view.hidden = true;
      stop.hidden = true;
      start.hidden = false;
    }

    function frame(jsQR) {
      if (!video || done) return;
      if (video.readyState >= 2 && video.videoWidth) {
        var image = pixels(canvas, video, video.videoWidth, video.videoHeight, 640);
        var result = jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
        if (result && result.data) { found(result.data); return; }
      }
      window.requestAnimationFrame(function () { frame(jsQR); });
    }

    if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
      start.addEventListener("click", function () {
        /* A double tap asks once: a second camera stream would replace the first, which then never stops. */
        if (starting || stream) return;
        starting = true;
        done = false;
        var asked = navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
        var opened = null;
        Promise.all([loadDecoder(box.getAttribute("data-decoder")), asked]).then(function (got) {
          starting = false;
          opened = got[1];
          if (done) { stopTracks(opened); return; }  /* a photo found the pass meanwhile */
          stream = opened;
          video = document.createElement("video");
          video.setAttribute("playsinline", "");
          video.muted = true;
          video.setAttribute("aria-label", box.getAttribute("data-says-looking"));
          video.srcObject = stream;
          view.replaceChildren(video);
          view.hidden = false;
          start.hidden = true;
          stop.hidden = false;
          say(box.getAttribute("data-says-looking"));
          return video.play().then(function () { frame(got[0]); });
        }).catch(function () {
          starting = false;
          /* The camera may have opened while the decoder did not load: close it too. */
          asked.then(stopTracks, function () {});
          if (opened && opened !== stream) return;  /* closed by "Tutup kamera" before it played */
          stopCamera();
          say(box.getAttribute("data-says-no-camera"));
        });
      });
      stop.addEventListener("click", function () { stopCamera(); say(""); start.focus(); });
    } else {
      start.hidden = true;
    }

    /* A photo of the pass: for phones without live video, and for anyone who prefers it. */
    photo.setAttribute("capture", "environment");
    photo.addEventListener("change", function () {
      var file = photo.files && photo.files[0];
      if (!file) return;
      done = false;
      Promise.all([loadDecoder(box.getAttribute("data-decoder")), createImageBitmap(file)]).then(function (got) {
        var bitmap = got[1];
        var image = pixels(canvas, bitmap, bitmap.width, bitmap.height, 1024);
        if (bitmap.close) bitmap.close();
        var result = got[0](image.data, image.width, image.height, { inversionAttempts: "attemptBoth" });
        if (result && result.data) found(result.data);
        else say(box.getAttribute("data-says-unread"));
      }).catch(function () {
        say(box.getAttribute("data-says-unread"));
      }).then(function () {
        photo.value = ""; /* the same photo may be chosen again */
      });
    });

    box.hidden = false;
    window.addEventListener("pagehide", stopCamera);
  }

  /* ---- the offline queue --------------------------------------------------------------------- */

  var KEY = "lw-booth-queue";
  var MOST_WAIT = 60000;
  var board = null, busy = false, timer = null, wait = 2000;

  function readQueue() {
    try { return JSON.parse(window.localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }

  function writeQueue(queue) {
    try { window.localStorage.setItem(KEY, JSON.stringify(queue)); } catch (e) { /* private mode */ }
    showCount();
  }

  function showCount(message) {
    if (!board) return;
    var n = readQueue().length;
    var text = n ? fill(board.getAttribute("data-says-waiting"), "n", n) : "";
    if (message) text = message + (text ? " " + text : "");
    board.textContent = text;
    board.hidden = !text;
  }

  /* One item per visit, vacancy and step: the same tap twice waits once. */
  function enqueue(item) {
    var queue = readQueue().filter(function (q) { return q.id !== item.id; });
    queue.push(item);
    writeQueue(queue);
  }

  function forget(id) {
    writeQueue(readQueue().filter(function (q) { return q.id !== id; }));
  }

  /* resolve("sent", answer) | resolve("refused", answer) | resolve("signed-out") | reject (unreachable) */
  function send(item) {
    var body = new URLSearchParams();
    body.set("csrf_token", item.token);
    body.set("vacancy", item.vacancy);
    body.set("outcome", item.outcome);
    return fetch(item.url, {
      method: "POST", body: body, credentials: "same-origin", redirect: "manual",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (response.type === "opaqueredirect") return { how: "signed-out" };
      if (response.status >= 500) throw new Error("server " + response.status);
      return response.json().then(function (answer) {
        return { how: response.ok && answer.ok ? "sent" : "refused", answer: answer };
      }, function () {
        return { how: "refused", answer: {} };
      });
    });
  }

  /* A queued tap may be of another pass than the one on screen. */
  function onThisPage(url) {
    return Array.prototype.some.call(document.querySelectorAll("form[data-booth-record]"), function (f) {
      return f.getAttribute("action") === url;
    });
  }

  function showRecord(answer) {
    var row = document.querySelector('[data-booth-vacancy="' + answer.vacancy + '"]');
    if (!row) return;
    var state = row.querySelector("[data-booth-state]");
    if (state) {
      var strong = document.createElement("strong");
      strong.textContent = answer.step;
      state.replaceChildren(strong);
    }
    row.querySelectorAll("form[data-booth-record]").forEach(function (f) {
      var button = f.querySelector("button");
      if (button) button.classList.toggle("secondary", f.elements.outcome.value === answer.outcome);
    });
  }

  function schedule() {
    window.clearTimeout(timer);
    if (!readQueue().length) { wait = 2000; return; }
    timer = window.setTimeout(flush, wait);
    wait = Math.min(wait * 2, MOST_WAIT);
  }

  /* Send what waits, oldest first, one at a time; stop at the first that cannot get through. */
  function flush() {
    if (busy) return;
    var queue = readQueue();
    if (!queue.length) return;
    if (!navigator.onLine) { schedule(); return; }
    busy = true;
    var item = queue[0];
    send(item).then(function (result) {
      busy = false;
      if (result.how === "signed-out") { showCount(board && board.getAttribute("data-says-signed-out")); return; }
      forget(item.id);
      if (result.how === "sent") {
        if (onThisPage(item.url)) showRecord(result.answer);
        showCount(readQueue().length ? "" : board && board.getAttribute("data-says-sent"));
      } else {
        showCount(fill(board && board.getAttribute("data-says-failed"), "what", item.what));
      }
      wait = 2000;
      flush();
    }, function () {
      busy = false;
      schedule();
    });
  }

  function tap(form, event) {
    event.preventDefault();
    var button = form.querySelector("button");
    var row = form.closest("[data-booth-vacancy]");
    var title = row ? (row.querySelector("h3") || row).textContent.trim() : "";
    var item = {
      id: form.getAttribute("action") + "|" + form.elements.vacancy.value + "|" + form.elements.outcome.value,
      url: form.getAttribute("action"),
      token: form.elements.csrf_token.value,
      vacancy: form.elements.vacancy.value,
      outcome: form.elements.outcome.value,
      what: title + ": " + (button ? button.textContent.trim() : "")
    };
    function queueIt(offline) {
      enqueue(item);
      var state = row && row.querySelector("[data-booth-state]");
      if (state) state.textContent = (button ? button.textContent.trim() : "") + " · " + board.getAttribute("data-says-pending");
      showCount(offline ? board.getAttribute("data-says-queued") : "");
      schedule();
    }
    if (!navigator.onLine) { queueIt(true); return; }
    if (readQueue().length) { queueIt(false); flush(); return; } /* after what waits, in order */
    if (button) button.disabled = true;
    send(item).then(function (result) {
      if (button) button.disabled = false;
      if (result.how === "signed-out") { form.submit(); return; } /* the login page, as without JS */
      if (result.how === "sent") {
        showRecord(result.answer);
        showCount(result.answer.message);
      } else {
        showCount(result.answer.message || fill(board.getAttribute("data-says-failed"), "what", item.what));
      }
    }, function () {
      if (button) button.disabled = false;
      queueIt(true);
    });
  }

  function setUpQueue() {
    board = document.querySelector("[data-booth-queue]");
    if (!board || !window.fetch || !window.localStorage) return;
    document.querySelectorAll("form[data-booth-record]").forEach(function (form) {
      form.addEventListener("submit", function (event) { tap(form, event); });
    });
    window.addEventListener("online", function () { wait = 2000; flush(); });
    showCount();
    flush();
  }

  function ready() {
    var box = document.querySelector("[data-scan]");
    if (box) setUpScanner(box);
    setUpQueue();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
