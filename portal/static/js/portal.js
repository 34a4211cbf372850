// Large-text / high-contrast mode for older readers (适老化). The choice is kept in
// localStorage so every page honours it; the page works fully without this script.
(function () {
  var root = document.documentElement;
  var KEY = "portal-care-mode";
  function apply(on) {
    root.classList.toggle("care", on);
    document.querySelectorAll("[data-care-toggle]").forEach(function (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  var stored = false;
  try { stored = localStorage.getItem(KEY) === "1"; } catch (e) { /* private mode */ }
  apply(stored);
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-care-toggle]");
    if (!button) return;
    var on = !root.classList.contains("care");
    apply(on);
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* ignore */ }
  });
})();
