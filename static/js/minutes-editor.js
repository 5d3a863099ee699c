// Progressive enhancement for the item editor: show one blank decision / action row at a time,
// with a button that reveals the next. Without JavaScript every blank row is simply shown.
(function () {
  "use strict";

  function isUntouched(row) {
    if (row.querySelector(".errorlist")) return false;
    var texts = row.querySelectorAll("textarea, input[type=text], input[type=url], input[type=date]");
    for (var i = 0; i < texts.length; i++) {
      if (texts[i].value.trim() !== "") return false;
    }
    return true;
  }

  document.querySelectorAll("[data-reveal]").forEach(function (group) {
    var blanks = Array.prototype.filter.call(
      group.querySelectorAll(".formset__row--blank"),
      isUntouched
    );
    if (blanks.length < 2) return;
    var hidden = blanks.slice(1);
    hidden.forEach(function (row) { row.hidden = true; });

    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = "Add another " + group.getAttribute("data-reveal");
    button.addEventListener("click", function () {
      var next = hidden.shift();
      if (!next) return;
      next.hidden = false;
      var field = next.querySelector("textarea, input:not([type=hidden]), select");
      if (field) field.focus();
      if (hidden.length === 0) button.remove();
    });
    group.appendChild(button);
  });
})();
