// Type-ahead for names and countries: an enhancement; the form works without it.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("q-suggestions");
  if (!input || !list || !window.fetch) { return; }
  var url = input.getAttribute("data-suggest-url");
  var timer = null;
  var last = "";
  function lastWords(value) {
    var words = value.trim().split(/\s+/);
    return words.slice(-3).join(" ");
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var value = input.value;
      var tail = lastWords(value);
      if (tail.length < 2 || tail === last) { return; }
      last = tail;
      fetch(url + "?q=" + encodeURIComponent(tail), { headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          while (list.firstChild) { list.removeChild(list.firstChild); }
          var head = value.slice(0, value.length - tail.length);
          (data.suggestions || []).forEach(function (item) {
            var option = document.createElement("option");
            option.value = head + item.value;
            option.textContent = item.value + " (" + item.count + ")";
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are optional */ });
    }, 150);
  });
}());
