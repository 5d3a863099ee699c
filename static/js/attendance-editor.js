// Progressive enhancement for the attendance editor: the move buttons reorder the rows in the
// page instead of saving, and each row's hidden place follows its new position, so the next
// save stores the order. Without JavaScript each move button saves the list and moves the row.
(function () {
  "use strict";

  var list = document.querySelector("[data-attendance-list]");
  var status = document.getElementById("attendance-order-status");
  if (!list) return;

  function rows() {
    return Array.prototype.slice.call(list.children);
  }

  function renumber() {
    var all = rows();
    all.forEach(function (row, place) {
      var input = row.querySelector("input[name$='-position']");
      if (input) input.value = String(place);
      row.querySelector("[data-move=up]").disabled = place === 0;
      row.querySelector("[data-move=down]").disabled = place === all.length - 1;
    });
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("[data-move]");
    if (!button) return;
    event.preventDefault();
    var row = button.closest("li");
    var up = button.getAttribute("data-move") === "up";
    var other = up ? row.previousElementSibling : row.nextElementSibling;
    if (!other) return;
    list.insertBefore(up ? row : other, up ? other : row);
    renumber();
    // Keep the keyboard where it was; at either end the other button takes over.
    var focus = button.disabled ? row.querySelector("[data-move=" + (up ? "down" : "up") + "]") : button;
    focus.focus();
    if (status) {
      // The sentence comes translated from the page, with its three blanks.
      status.textContent = (list.getAttribute("data-moved") || "")
        .replace("{name}", row.getAttribute("data-name"))
        .replace("{place}", rows().indexOf(row) + 1)
        .replace("{count}", rows().length);
    }
  });
})();
