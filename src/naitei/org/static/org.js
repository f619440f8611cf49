// Organisation mode: the token of an emailed link (kept in the fragment, never sent in a URL),
// passkey sign-in, registration and re-authentication. No inline scripts (CSP: script-src 'self').
"use strict";
(function () {
  const token = document.getElementById("link-token");
  if (token && location.hash.length > 1) {
    token.value = decodeURIComponent(location.hash.slice(1));
    history.replaceState(null, "", location.pathname + location.search);
  }
  async function post(url, body, csrf) {
    const headers = { "Content-Type": "application/json" };
    if (csrf) headers["X-CSRF-Token"] = csrf;
    const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body), credentials: "same-origin" });
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  }
  function fail() {
    const shown = document.getElementById("passkey-error");
    if (shown) shown.hidden = false;
  }
  async function assertion(purpose, csrf) {
    const start = await post("/passkey/" + purpose + "/options", {}, csrf);
    const options = PublicKeyCredential.parseRequestOptionsFromJSON(start.options);
    const credential = await navigator.credentials.get({ publicKey: options });
    return post("/passkey/" + purpose + "/verify", { handle: start.handle, credential: JSON.stringify(credential.toJSON()) }, csrf);
  }
  const signin = document.getElementById("passkey-signin");
  if (signin) signin.addEventListener("click", () => assertion("signin").then(() => location.assign("/"), fail));
  const reauth = document.getElementById("passkey-reauth");
  if (reauth) reauth.addEventListener("click", () =>
    assertion("reauth", reauth.dataset.csrf).then(() => location.assign(reauth.dataset.next || "/"), fail));
  const register = document.getElementById("passkey-register");
  if (register) register.addEventListener("click", async () => {
    try {
      const start = await post("/passkey/register/options", {}, register.dataset.csrf);
      const options = PublicKeyCredential.parseCreationOptionsFromJSON(start.options);
      const credential = await navigator.credentials.create({ publicKey: options });
      await post("/passkey/register/verify", { handle: start.handle, credential: JSON.stringify(credential.toJSON()) }, register.dataset.csrf);
      document.getElementById("passkey-done").hidden = false;
    } catch (error) { fail(); }
  });
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => {});
})();
