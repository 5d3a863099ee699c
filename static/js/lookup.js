// Search as you type for the tracker's owner and meeting fields. Without this script the
// typed text is matched on the server; with it, suggestions come from a small JSON endpoint
// (the form's data-lookup-owner / data-lookup-meeting URL) into a native <datalist>, and
// picking one fills the hidden id field that follows (person / meeting).
(function () {
  "use strict";
  var form = document.querySelector("form[data-lookup-owner]");
  if (!form || !window.fetch) { return; }
  var hiddenFor = { owner: "person", meeting: "meeting" };
  form.querySelectorAll("input[data-lookup]").forEach(function (input) {
    var kind = input.getAttribute("data-lookup");
    var url = form.getAttribute("data-lookup-" + kind);
    var hidden = form.querySelector('input[type="hidden"][name="' + hiddenFor[kind] + '"]');
    if (!url || !hidden) { return; }
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    var timer = null;
    var ids = {};
    function pick() {
      // A suggestion picked: filter by its id; anything else typed: by the text.
      hidden.value = ids[input.value] || "";
    }
    input.addEventListener("input", function () {
      pick();
      clearTimeout(timer);
      var term = input.value.trim();
      if (term.length < 2) { return; }
      timer = setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(term), { credentials: "same-origin",
                                                         headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            list.textContent = "";
            ids = {};
            data.results.forEach(function (row) {
              var option = document.createElement("option");
              option.value = row.label;
              ids[row.label] = String(row.id);
              list.appendChild(option);
            });
            pick();
          })
          .catch(function () { /* the typed text still filters on the server */ });
      }, 150);
    });
  });
})();
