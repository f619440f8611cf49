// Service worker of organisation mode: caches only the app shell (script, style, icon) so the
// app installs on a home screen. Pages are never cached: they hold personal data.
"use strict";
const SHELL = "naitei-shell-v1";
const FILES = ["/static/org.js", "/assets/style.css", "/assets/favicon.png", "/static/icon.png"];
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(FILES)));
});
self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((names) =>
    Promise.all(names.filter((name) => name !== SHELL).map((name) => caches.delete(name)))));
});
self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== location.origin || !FILES.includes(url.pathname)) {
    return; // everything else goes to the network, uncached
  }
  event.respondWith(caches.match(event.request).then((hit) => hit || fetch(event.request)));
});
