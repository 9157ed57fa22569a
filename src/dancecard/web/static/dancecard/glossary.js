// Progressive enhancement: the page is complete without it; the filter box only appears when this runs.
(function () {
  var box = document.getElementById("glossary-filter"), input = document.getElementById("glossary-q");
  var none = document.getElementById("glossary-none");
  var print = document.getElementById("print-glossary");
  box.hidden = print.hidden = false;
  print.addEventListener("click", function () { window.print(); });
  input.addEventListener("input", function () {
    var q = input.value.trim().toLowerCase(), shown = 0;
    document.querySelectorAll(".glossary-group").forEach(function (group) {
      var any = false;
      group.querySelectorAll(".term-entry").forEach(function (entry) {
        var hit = !q || entry.textContent.toLowerCase().indexOf(q) !== -1;
        entry.hidden = !hit; any = any || hit; shown += hit ? 1 : 0;
      });
      group.hidden = !any;
    });
    none.hidden = shown > 0;
  });
})();
