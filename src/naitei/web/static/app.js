/* naitei — a little progressive enhancement; every page works without it. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Fields shown only for some answers (data-when="applicant.kind" data-when-values="new_grad").
  function setupConditions(root) {
    var blocks = root.querySelectorAll("[data-when]");
    blocks.forEach(function (block) {
      var form = block.closest("form");
      if (!form) return;
      var name = block.getAttribute("data-when");
      var allowed = (block.getAttribute("data-when-values") || "").split(" ");
      var inputs = form.querySelectorAll('[name="' + CSS.escape(name) + '"]');
      function update() {
        var value = "";
        inputs.forEach(function (input) {
          if (input.type !== "radio" || input.checked) value = input.value;
        });
        block.hidden = allowed.indexOf(value) === -1;
      }
      inputs.forEach(function (input) { input.addEventListener("change", update); });
      update();
    });
  }

  // Tabs: the links of .tablist become an ARIA tab list over the sections they point to.
  function setupTabs(root) {
    root.querySelectorAll("[data-tabs]").forEach(function (tabs) {
      var list = tabs.querySelector(".tablist");
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var panels = links.map(function (link) {
        return document.getElementById(link.getAttribute("href").slice(1));
      });
      list.setAttribute("role", "tablist");
      links.forEach(function (link, i) {
        link.setAttribute("role", "tab");
        link.id = "tab-for-" + panels[i].id;
        link.setAttribute("aria-controls", panels[i].id);
        panels[i].setAttribute("role", "tabpanel");
        panels[i].setAttribute("aria-labelledby", link.id);
        panels[i].removeAttribute("aria-label");
        link.addEventListener("click", function (event) {
          event.preventDefault();
          select(i, true);
        });
        link.addEventListener("keydown", function (event) {
          var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: links.length - 1 }[event.key];
          if (next === undefined) return;
          event.preventDefault();
          select((next + links.length) % links.length, true);
        });
      });
      function select(index, focus) {
        links.forEach(function (link, i) {
          var on = i === index;
          link.setAttribute("aria-selected", on ? "true" : "false");
          link.tabIndex = on ? 0 : -1;
          panels[i].hidden = !on;
        });
        if (focus) links[index].focus();
      }
      var start = panels.findIndex(function (panel) { return "#" + panel.id === location.hash; });
      select(start < 0 ? 0 : start, false);
      // Links elsewhere on the page to a tab (#tab-phone) open it.
      document.querySelectorAll('a[href^="#tab-"]').forEach(function (link) {
        if (list.contains(link)) return;
        link.addEventListener("click", function (event) {
          var index = panels.findIndex(function (p) { return "#" + p.id === link.getAttribute("href"); });
          if (index < 0) return;
          event.preventDefault();
          select(index, true);
          list.scrollIntoView({ block: "start" });
        });
      });
    });
  }

  // Copy buttons: copy the text of the element named by data-copy.
  function setupCopy(root) {
    root.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        var status = button.closest(".doc").querySelector(".copy-status");
        var text = source ? source.textContent : "";
        function done(ok) {
          if (status) status.textContent = ok ? "コピーしました。" : "コピーできませんでした。文面を選んでコピーしてください。";
        }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallback(source)); });
        } else {
          done(fallback(source));
        }
      });
    });
  }

  function fallback(source) {
    if (!source) return false;
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try { return document.execCommand("copy"); } catch (e) { return false; }
  }

  // After a form comes back with problems, the summary takes focus (a screen reader reads it,
  // and on a phone it is in view); its links move focus to the field itself.
  function setupErrorSummary(root) {
    var summary = root.getElementById("error-summary");
    if (!summary) return;
    summary.focus();
    summary.querySelectorAll('a[href^="#"]').forEach(function (link) {
      link.addEventListener("click", function (event) {
        var field = document.getElementById(link.getAttribute("href").slice(1));
        if (!field) return;
        event.preventDefault();
        field.scrollIntoView({ block: "center" });
        field.focus();
      });
    });
  }

  // A company just added (/decline#company-2): its block in view and its first field focused.
  function setupAddedBlock(root) {
    var match = /^#company-(\d+)$/.exec(location.hash);
    var block = match && root.getElementById("company-" + match[1]);
    if (!block) return;
    var first = block.querySelector("input, select, textarea");
    if (!first) return;
    // After the browser's own jump to the fragment, which would otherwise keep the focus.
    window.setTimeout(function () {
      block.scrollIntoView({ block: "start" });
      first.focus();
    }, 0);
  }

  // A form that may take a while (the checker): say so at once, and keep it from being sent twice.
  function setupBusy(root) {
    root.querySelectorAll("form[data-busy]").forEach(function (form) {
      form.addEventListener("submit", function () {
        var status = form.querySelector(".busy-status");
        if (status) status.textContent = form.getAttribute("data-busy");
        form.setAttribute("aria-busy", "true");
        form.querySelectorAll('button[type="submit"]').forEach(function (button) {
          window.setTimeout(function () { button.disabled = true; }, 0);
        });
      });
    });
  }

  setupConditions(document);
  setupBusy(document);
  setupTabs(document);
  setupCopy(document);
  setupErrorSummary(document);
  setupAddedBlock(document);
})();
