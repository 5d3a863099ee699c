// Follow-up page: show the new-due-date fields only for "Deferred". Without JS they stay visible.
(function () {
  "use strict";
  function sync(row) {
    var chosen = row.querySelector('input[type="radio"]:checked');
    var deferred = chosen && chosen.value === "deferred";
    row.querySelectorAll(".review-row__due").forEach(function (field) {
      field.hidden = !deferred;
    });
  }
  document.querySelectorAll(".review-row").forEach(function (row) {
    sync(row);
    row.addEventListener("change", function () { sync(row); });
  });
})();
