// The only script: fills the sign-up form's time zone from the browser (the form works without it: UTC).
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    document.querySelectorAll('[data-zone]').forEach(function (el) { el.value = zone; });
    document.querySelectorAll('[data-zone-label]').forEach(function (el) { el.textContent = zone; });
  } catch (e) { /* keep UTC */ }
})();
