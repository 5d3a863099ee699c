// "Print / PDF" opens the print dialogue; without JavaScript the link shows the summary,
// which prints cleanly with the browser's own Print command.
document.addEventListener("click", function (event) {
  var link = event.target.closest("a[data-print]");
  if (!link) return;
  event.preventDefault();
  window.print();
});
