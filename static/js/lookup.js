// Search as you type for the filters' look-up fields (owner, meeting, body). Without this
// script the typed text is matched on the server; with it, suggestions come from the field's
// JSON look-up (data-lookup-url) into a native <datalist>, and picking one fills the hidden id
// field it names (data-lookup-for). Typing anything else clears that id again.
(function () {
  "use strict";
  if (!window.fetch) { return; }
  document.querySelectorAll("input[data-lookup-url][data-lookup-for]").forEach(function (input) {
    var url = input.getAttribute("data-lookup-url");
    var hidden = document.getElementById(input.getAttribute("data-lookup-for"));
    if (!url || !hidden) { return; }
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    var timer = null;
    var ids = {};
    if (hidden.value && input.value) { ids[input.value] = hidden.value; }
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
