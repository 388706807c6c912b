/// The script inlined into every HTML page: client-side search over the embedded index
/// (`<script id="search-data">`). Results are built with `textContent`, never `innerHTML`.
enum SiteScript {
  static let javaScript = """
    (function () {
      var input = document.getElementById('search');
      var list = document.getElementById('search-results');
      var dataNode = document.getElementById('search-data');
      if (!input || !list || !dataNode) { return; }
      var entries = [];
      try { entries = JSON.parse(dataNode.textContent); } catch (e) { entries = []; }
      var active = -1;
      function rank(entry, query) {
        var name = entry.n.toLowerCase();
        var last = name.split('.').pop();
        if (last === query || name === query) { return 0; }
        if (last.indexOf(query) === 0) { return 1; }
        if (name.indexOf(query) >= 0) { return 2; }
        if (entry.s.toLowerCase().indexOf(query) >= 0) { return 3; }
        return -1;
      }
      function render() {
        var query = input.value.trim().toLowerCase();
        while (list.firstChild) { list.removeChild(list.firstChild); }
        active = -1;
        if (!query) { list.hidden = true; return; }
        var hits = [];
        for (var i = 0; i < entries.length; i++) {
          var score = rank(entries[i], query);
          if (score >= 0) { hits.push({ score: score, index: i }); }
        }
        hits.sort(function (a, b) { return a.score - b.score || a.index - b.index; });
        hits = hits.slice(0, 25);
        if (hits.length === 0) {
          var none = document.createElement('li');
          none.className = 'muted';
          none.style.padding = '0.35rem 0.8rem';
          none.textContent = 'No matches';
          list.appendChild(none);
        }
        hits.forEach(function (hit) {
          var entry = entries[hit.index];
          var item = document.createElement('li');
          var link = document.createElement('a');
          link.href = entry.u;
          var name = document.createElement('code');
          name.textContent = entry.n;
          var kind = document.createElement('span');
          kind.className = 'hit-kind';
          kind.textContent = entry.k;
          link.appendChild(name);
          link.appendChild(kind);
          if (entry.s) {
            var text = document.createElement('span');
            text.className = 'hit-text';
            text.textContent = entry.s;
            link.appendChild(text);
          }
          link.addEventListener('click', function () { list.hidden = true; });
          item.appendChild(link);
          list.appendChild(item);
        });
        list.hidden = false;
      }
      function move(step) {
        var items = list.querySelectorAll('li');
        if (items.length === 0) { return; }
        if (active >= 0 && items[active]) { items[active].classList.remove('active'); }
        active = (active + step + items.length) % items.length;
        items[active].classList.add('active');
        items[active].scrollIntoView({ block: 'nearest' });
      }
      input.addEventListener('input', render);
      input.addEventListener('keydown', function (event) {
        if (event.key === 'ArrowDown') { move(1); event.preventDefault(); }
        else if (event.key === 'ArrowUp') { move(-1); event.preventDefault(); }
        else if (event.key === 'Enter') {
          var links = list.querySelectorAll('li a');
          var target = links[active >= 0 ? active : 0];
          if (target) { window.location.href = target.href; list.hidden = true; }
        } else if (event.key === 'Escape') { input.value = ''; render(); input.blur(); }
      });
      document.addEventListener('keydown', function (event) {
        if (event.key === '/' && document.activeElement !== input) { event.preventDefault(); input.focus(); }
      });
      document.addEventListener('click', function (event) {
        if (!list.contains(event.target) && event.target !== input) { list.hidden = true; }
      });
    })();

    """
}
