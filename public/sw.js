// Naast service worker. The server fills in the version and the exact hashed files of
// the build it belongs to, so one cache never mixes old and new WebAssembly.
const VERSION = "__NAAST_VERSION__";
const PRECACHE = ["__NAAST_PRECACHE__"];
const SHELL = "__NAAST_SHELL__";
const CACHE = `naast-shell-${VERSION}`;
// Picture-story artwork and uploaded pictures: filled by the app after each sync (and
// here on first sight), kept across versions, removed when she signs out.
const PICTURES = "naast-pictures";
const isPicture = (path) => path.startsWith("/stories/") || path.startsWith("/api/v1/pictures/");

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // Hashed /pkg files never change, so the copy the page just downloaded (HTTP
      // cache) is the right one; unhashed files are fetched fresh.
      cache.addAll(PRECACHE.map((url) => new Request(url, { cache: url.startsWith("/pkg/") ? "default" : "reload" }))),
    ),
  );
  // No skipWaiting here: a new version waits until the volunteer says so, so nothing
  // she is typing is interrupted. The very first install activates at once anyway.
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("naast-shell-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    // Online: the server renders the page. Offline (or server unreachable): the cached
    // shell, which mounts the app on whatever route was asked for.
    event.respondWith(
      fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match(SHELL))),
    );
    return;
  }
  if (isPicture(url.pathname)) {
    event.respondWith(
      caches.open(PICTURES).then((cache) =>
        cache.match(url.pathname).then(
          (hit) =>
            hit ||
            fetch(request).then((response) => {
              if (response.ok) cache.put(url.pathname, response.clone());
              return response;
            }),
        ),
      ),
    );
    return;
  }
  if (PRECACHE.includes(url.pathname)) {
    event.respondWith(
      caches.open(CACHE).then((cache) => cache.match(url.pathname).then((hit) => hit || fetch(request))),
    );
  }
});
