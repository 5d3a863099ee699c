// Progressive enhancement for the item editor. Blank decision, action point and document rows
// stay out of sight until "Add a decision" (and so on) reveals one in the page, or, when none
// is left, copies one, so any number of outcomes fit in one save. An action's "Follows from
// decision" list offers the decisions written in the page as well as the saved ones.
// Without JavaScript one blank row of each is shown and "Save and add more" brings fresh ones.
(function () {
  "use strict";

  var TEXT_FIELDS = "textarea, input[type=text], input[type=url], input[type=date], input[type=file]";

  function isUntouched(row) {
    if (row.querySelector(".errorlist")) return false;
    var texts = row.querySelectorAll(TEXT_FIELDS);
    for (var i = 0; i < texts.length; i++) {
      if (texts[i].value.trim() !== "") return false;
    }
    return true;
  }

  function copyRow(template, prefix, index) {
    var pattern = new RegExp(prefix + "-\\d+-", "g");
    var row = template.cloneNode(true);
    row.hidden = false;
    row.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (el) {
      ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.replace(pattern, prefix + "-" + index + "-"));
      });
    });
    row.querySelectorAll(TEXT_FIELDS).forEach(function (el) { el.value = ""; });
    row.querySelectorAll("input[type=checkbox]").forEach(function (el) { el.checked = false; });
    row.querySelectorAll("select").forEach(function (el) {
      Array.prototype.forEach.call(el.options, function (o) { o.selected = o.defaultSelected; });
    });
    return row;
  }

  // The decisions an action can follow from: saved ones keep their server-made option; each
  // new decision row in sight gets "new-<row>", labelled with what is typed in it.
  function syncDecisionChoices() {
    var decisions = document.querySelector("[data-prefix=decisions]");
    if (!decisions) return;
    var rows = Array.prototype.filter.call(
      decisions.querySelectorAll(".formset__row"), function (row) { return !row.hidden; }
    );
    var fresh = [];
    rows.forEach(function (row, n) {
      if (!row.classList.contains("formset__row--blank")) return;
      var text = row.querySelector("textarea[name$='-text']");
      var index = text.name.match(/-(\d+)-text$/)[1];
      var words = text.value.trim();
      if (words.length > 50) words = words.slice(0, 50) + "…";
      fresh.push({
        value: "new-" + index,
        // The label comes translated from the page, with its blanks.
        label: (decisions.getAttribute(words ? "data-new-label" : "data-new-label-blank") || "")
          .replace("%(n)s", n + 1)
          .replace("%(words)s", function () { return words; }),
      });
    });
    document.querySelectorAll("select[name^=actions-][name$=-decision]").forEach(function (select) {
      var chosen = select.value;
      Array.prototype.slice.call(select.options).forEach(function (option) {
        if (option.value.indexOf("new-") === 0) option.remove();
      });
      fresh.forEach(function (choice) {
        var option = new Option(choice.label, choice.value);
        select.add(option);
        if (choice.value === chosen) option.selected = true;
      });
    });
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
    var hidden = blanks.slice();
    hidden.forEach(function (row) { row.hidden = true; });

    var button = document.createElement("button");
    button.type = "button";
    button.className = "button formset__add";
    button.textContent = group.getAttribute("data-add-label");
    button.addEventListener("click", function () {
      var next = hidden.shift();
      if (!next) {
        var index = parseInt(total.value, 10);
        next = copyRow(template, prefix, index);
        group.insertBefore(next, button);
        total.value = String(index + 1);
      }
      next.hidden = false;
      syncDecisionChoices();
      var field = next.querySelector("textarea, input:not([type=hidden]), select");
      if (field) field.focus();
    });
    group.appendChild(button);
  });

  var decisions = document.querySelector("[data-prefix=decisions]");
  if (decisions) decisions.addEventListener("change", syncDecisionChoices);
  syncDecisionChoices();
})();
