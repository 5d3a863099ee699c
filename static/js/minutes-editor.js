// Progressive enhancement for the item editor: one blank decision / action row at a time, and
// an "Add another" button that reveals the next blank row or, when none is left, copies one
// (so any number of outcomes fit in one save). Without JavaScript the blank rows are all shown
// and "Save and add more" brings fresh ones.
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

  function copyRow(template, prefix, index) {
    var pattern = new RegExp(prefix + "-\\d+-", "g");
    var row = template.cloneNode(true);
    row.hidden = false;
    row.querySelectorAll("[name], [id], [for]").forEach(function (el) {
      ["name", "id", "for"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.replace(pattern, prefix + "-" + index + "-"));
      });
    });
    row.querySelectorAll("textarea, input[type=text], input[type=url], input[type=date]").forEach(
      function (el) { el.value = ""; }
    );
    row.querySelectorAll("input[type=checkbox]").forEach(function (el) { el.checked = false; });
    row.querySelectorAll("select").forEach(function (el) {
      Array.prototype.forEach.call(el.options, function (o) { o.selected = o.defaultSelected; });
    });
    return row;
  }

  document.querySelectorAll("[data-reveal]").forEach(function (group) {
    var prefix = group.getAttribute("data-prefix");
    var total = group.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var blanks = Array.prototype.filter.call(
      group.querySelectorAll(".formset__row--blank"),
      isUntouched
    );
    if (!total || blanks.length === 0) return;
    var template = blanks[blanks.length - 1];
    var hidden = blanks.slice(1);
    hidden.forEach(function (row) { row.hidden = true; });

    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = "Add another " + group.getAttribute("data-reveal");
    button.addEventListener("click", function () {
      var next = hidden.shift();
      if (!next) {
        var index = parseInt(total.value, 10);
        next = copyRow(template, prefix, index);
        group.insertBefore(next, button);
        total.value = String(index + 1);
      }
      next.hidden = false;
      var field = next.querySelector("textarea, input:not([type=hidden]), select");
      if (field) field.focus();
    });
    group.appendChild(button);
  });
})();
