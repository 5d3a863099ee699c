// Tracker: a "select all rows on this page" box for the secretariat's bulk change.
(function () {
  "use strict";
  var boxes = document.querySelectorAll('input[name="rows"]');
  var header = document.getElementById("select-all-rows");
  if (!header || !boxes.length) { return; }
  header.hidden = false;
  header.addEventListener("change", function () {
    boxes.forEach(function (box) { box.checked = header.checked; });
  });
})();
