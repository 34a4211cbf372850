// Nearest-shelter finder. The browser's position (WGS-84) is compared with the shelter
// list's nearby/ JSON (WGS-84 too, converted on the server from the stored GCJ-02); the
// position never leaves the phone and is not stored. Without this script the section
// still offers the district choice, a plain link to the filtered list.
(function () {
  "use strict";
  var R = 6371008.8; // mean Earth radius, metres (as portal/core/geo.py)
  var SHOWN = 5;

  function rad(d) { return d * Math.PI / 180; }

  function distance(lat1, lon1, lat2, lon2) {
    var p1 = rad(lat1), p2 = rad(lat2), dp = p2 - p1, dl = rad(lon2 - lon1);
    var h = Math.sin(dp / 2) * Math.sin(dp / 2) +
      Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  function bearing(lat1, lon1, lat2, lon2) {
    var p1 = rad(lat1), p2 = rad(lat2), dl = rad(lon2 - lon1);
    var y = Math.sin(dl) * Math.cos(p2);
    var x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
    return (Math.atan2(y, x) * 180 / Math.PI + 360) % 360;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, key) {
      return key in values ? values[key] : m;
    });
  }

  function describe(data, from, to) {
    var metres = distance(from.lat, from.lon, to.lat, to.lon);
    var direction = data.directions[Math.floor(((bearing(from.lat, from.lon, to.lat, to.lon) % 360) + 22.5) / 45) % 8];
    var text = metres < 1000
      ? fill(data.labels.metres, { n: Math.round(metres / 10) * 10 })
      : fill(data.labels.kilometres, { n: (metres / 1000).toFixed(1) });
    return { metres: metres, text: fill(data.labels.described, { direction: direction, distance: text }) };
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setup(root) {
    var locate = root.querySelector("[data-finder-locate]");
    var note = root.querySelector("[data-finder-note]");
    var placeForm = root.querySelector("[data-finder-place]");
    var status = root.querySelector("[data-finder-status]");
    var results = root.querySelector("[data-finder-results]");
    var datalist = root.querySelector("datalist");
    var loading = null;

    function load() {
      if (!loading) {
        loading = fetch(root.getAttribute("data-src"), { credentials: "omit" })
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
          .then(function (data) {
            data.landmarks.forEach(function (l) {
              var option = document.createElement("option");
              option.value = l.name;
              datalist.appendChild(option);
            });
            return data;
          });
        loading.catch(function () { loading = null; });
      }
      return loading;
    }

    function failed() {
      status.textContent = root.getAttribute("data-failed") || "…";
    }

    function show(data, from, heading) {
      var ranked = data.shelters.map(function (s) {
        return { shelter: s, where: describe(data, from, s) };
      }).sort(function (a, b) { return a.where.metres - b.where.metres; });
      results.textContent = "";
      status.textContent = heading;
      ranked.forEach(function (item, i) {
        var s = item.shelter;
        var li = el("li", "finder-item" + (i >= SHOWN ? " finder-more" : ""));
        if (i >= SHOWN) li.hidden = true;
        var title = el("a", "finder-name", s.name);
        title.href = s.url;
        li.appendChild(title);
        li.appendChild(el("p", "finder-where", item.where.text));
        var meta = el("p", "finder-meta");
        meta.appendChild(el("span", "finder-status-badge status-" + s.status, s.status_label));
        meta.appendChild(el("span", "", fill(data.labels.capacity, { n: s.capacity.toLocaleString("zh-CN") })));
        meta.appendChild(el("span", "", s.type + " · " + s["class"]));
        li.appendChild(meta);
        li.appendChild(el("p", "finder-address", s.district + " · " + s.address));
        var links = el("p", "finder-links");
        links.appendChild(el("span", "", data.labels.open_in));
        s.links.forEach(function (link) {
          var a = el("a", "finder-map finder-map-" + link.app, link.label);
          a.href = link.url;
          a.rel = "noopener";
          links.appendChild(a);
        });
        li.appendChild(links);
        results.appendChild(li);
      });
      if (ranked.length > SHOWN) {
        var more = el("button", "finder-show-all", data.labels.more);
        more.type = "button";
        more.addEventListener("click", function () {
          results.querySelectorAll(".finder-more").forEach(function (n) { n.hidden = false; });
          more.remove();
        });
        var li = el("li", "finder-more-row");
        li.appendChild(more);
        results.appendChild(li);
      }
    }

    locate.hidden = false;
    note.hidden = false;
    placeForm.hidden = false;

    locate.addEventListener("click", function () {
      var data = load();
      if (!navigator.geolocation) {
        data.then(function (d) { status.textContent = d.labels.unsupported; }, failed);
        return;
      }
      status.textContent = locate.getAttribute("data-locating") || "…";
      data.then(function (d) { status.textContent = d.labels.locating; }, function () {});
      navigator.geolocation.getCurrentPosition(function (position) {
        var here = { lat: position.coords.latitude, lon: position.coords.longitude };
        data.then(function (d) { show(d, here, d.labels.from_here); }, failed);
      }, function () {
        data.then(function (d) {
          results.textContent = "";
          status.textContent = d.labels.denied;
        }, failed);
      }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
    });

    placeForm.querySelector("input").addEventListener("focus", function () { load().catch(function () {}); });
    placeForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var typed = placeForm.querySelector("input").value.trim();
      load().then(function (d) {
        var found = d.landmarks.filter(function (l) {
          return l.name === typed || l.aliases.indexOf(typed) !== -1;
        })[0];
        if (!found) {
          results.textContent = "";
          status.textContent = fill(d.labels.unknown_place, { place: typed });
          return;
        }
        show(d, found, fill(d.labels.from_place, { place: found.name }));
      }, failed);
    });
  }

  function start() {
    document.querySelectorAll("[data-finder]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
