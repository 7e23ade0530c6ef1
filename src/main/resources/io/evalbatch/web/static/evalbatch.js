// The pages' only script. It writes text with textContent, never as HTML: model output stays text.
(function () {
  // As the server writes durations: "850 ms", "12 s", "3 min 4 s", "2 h 5 min".
  function duration(ms) {
    if (ms < 1000) { return Math.max(0, Math.round(ms)) + ' ms'; }
    var s = Math.round(ms / 1000);
    if (s < 60) { return s + ' s'; }
    if (s < 3600) { return Math.floor(s / 60) + ' min' + (s % 60 ? ' ' + (s % 60) + ' s' : ''); }
    var m = Math.round(s / 60);
    return Math.floor(m / 60) + ' h' + (m % 60 ? ' ' + (m % 60) + ' min' : '');
  }
  // Runs page: progress, status and duration of each listed run, updated every two seconds.
  var runs = document.getElementById('runs');
  if (runs) {
    setInterval(function () {
      fetch('/api/runs' + window.location.search).then(function (r) { return r.json(); }).then(function (list) {
        list.forEach(function (run) {
          var row = runs.querySelector('tr[data-run="' + CSS.escape(run.runId) + '"]');
          if (!row) { return; }
          row.querySelector('.progress').textContent = run.results + ' / ' + run.samples;
          var status = row.querySelector('.status');
          status.textContent = run.status;
          status.className = 'status ' + run.status;
          if (run.startedAt) {
            var end = run.endedAt ? Date.parse(run.endedAt) : Date.now();
            row.querySelector('.took').textContent = duration(end - Date.parse(run.startedAt));
          }
        });
      }).catch(function () { /* the next tick tries again */ });
    }, 2000);
  }
  // Sample page: "show all" fetches a long text whole, as plain text.
  document.querySelectorAll('button.show-all').forEach(function (button) {
    button.addEventListener('click', function () {
      fetch(button.getAttribute('data-url')).then(function (r) { return r.text(); }).then(function (text) {
        document.getElementById(button.getAttribute('data-target')).textContent = text;
        button.parentNode.textContent = 'shown whole';
      });
    });
  });
})();
