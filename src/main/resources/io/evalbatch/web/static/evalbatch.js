// The pages' only script. It writes text with textContent, never as HTML: model output stays text.
(function () {
  // Runs page: progress and status of each listed run, updated every two seconds.
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
          row.querySelector('.ended').textContent = run.endedAt || '';
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
