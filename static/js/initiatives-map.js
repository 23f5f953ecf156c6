// The map of initiatives. No tile is requested until the visitor presses "Load the map"; the markers come from
// the list on the page (data-lat, data-lng), which stays the accessible alternative.
(function () {
  "use strict";

  function loadMap(button) {
    var container = document.getElementById("initiative-map");
    container.hidden = false;
    button.disabled = true;
    var map = window.L.map(container).setView([50.0614, 19.9366], 12);
    window.L.tileLayer(button.dataset.tileUrl, {
      maxZoom: 19,
      attribution: button.dataset.attribution,
    }).addTo(map);
    var bounds = [];
    document.querySelectorAll("#map-places [data-lat][data-lng]").forEach(function (item) {
      var point = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lng)];
      var link = document.createElement("a");
      link.href = item.dataset.url;
      link.textContent = item.dataset.title;
      window.L.marker(point, { title: item.dataset.title, alt: item.dataset.title }).addTo(map).bindPopup(link);
      bounds.push(point);
    });
    if (bounds.length > 1) {
      map.fitBounds(bounds, { padding: [30, 30] });
    } else if (bounds.length === 1) {
      map.setView(bounds[0], 14);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("load-map");
    if (button && window.L) {
      button.addEventListener("click", function () { loadMap(button); }, { once: true });
    }
  });
})();
