// The summary page. Without JavaScript everything works: the tools menu opens on a click, and
// an objection is confirmed on a page of its own.
(function () {
  // Beside the document there is room for the tools: show them open.
  if (window.matchMedia("(min-width: 64rem)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (menu) {
      menu.open = true;
    });
  }

  // An objection asks once more, in a dialog saying what it does.
  var form = document.querySelector("form[data-objection-confirm]");
  var dialog = document.querySelector("dialog[data-objection-dialog]");
  if (!form || !dialog || typeof dialog.showModal !== "function") return;
  form.addEventListener("submit", function (event) {
    var kind = form.querySelector("input[name=kind]:checked");
    if (!kind || kind.value !== "objection" || form.querySelector("input[name=confirmed]")) return;
    if (!form.reportValidity()) return;
    event.preventDefault();
    dialog.showModal();
  });
  dialog.querySelector("[data-objection-send]").addEventListener("click", function () {
    var confirmed = document.createElement("input");
    confirmed.type = "hidden";
    confirmed.name = "confirmed";
    confirmed.value = "yes";
    form.appendChild(confirmed);
    dialog.close();
    form.submit();
  });
  dialog.querySelector("[data-objection-cancel]").addEventListener("click", function () {
    dialog.close();
  });
})();
