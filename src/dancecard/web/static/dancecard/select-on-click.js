// A private link is selected whole on click, ready to copy (no inline handlers: the CSP forbids them).
document.querySelectorAll("input.private-link").forEach(function (input) {
  input.addEventListener("click", function () { input.select(); });
});
