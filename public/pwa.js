// Registers Naast's service worker, asks the browser to keep the data, and tells the
// app (which shows a translated banner) when a new version is ready.
(function () {
  var html = document.documentElement;
  if (navigator.storage && navigator.storage.persist) {
    navigator.storage
      .persisted()
      .then(function (already) { return already || navigator.storage.persist(); })
      .then(function (granted) { html.setAttribute("data-persisted", granted ? "1" : "0"); })
      .catch(function () { html.setAttribute("data-persisted", "0"); });
  }
  if (!("serviceWorker" in navigator)) return;

  var updateRequested = false;
  function announce() {
    window.__naastUpdate = true;
    window.dispatchEvent(new Event("naast-update-ready"));
  }
  window.naastApplyUpdate = function () {
    navigator.serviceWorker.getRegistration().then(function (reg) {
      if (reg && reg.waiting) {
        updateRequested = true;
        reg.waiting.postMessage({ type: "SKIP_WAITING" });
      }
    });
  };
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (updateRequested) window.location.reload();
  });
  navigator.serviceWorker
    .register("/sw.js", { scope: "/", updateViaCache: "none" })
    .then(function (reg) {
      if (reg.waiting && navigator.serviceWorker.controller) announce();
      reg.addEventListener("updatefound", function () {
        var worker = reg.installing;
        if (!worker) return;
        worker.addEventListener("statechange", function () {
          if (worker.state === "installed" && navigator.serviceWorker.controller) announce();
        });
      });
      setInterval(function () { reg.update().catch(function () {}); }, 30 * 60 * 1000);
    })
    .catch(function () {});
  navigator.serviceWorker.ready.then(function () { html.setAttribute("data-sw-ready", "1"); });
})();
