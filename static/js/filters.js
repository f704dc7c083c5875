/* Report list: when the province or district changes, list its districts and communes
   (with their report counts under the other filters). Without this script the page still
   works: the lists follow after "Lọc". */
(function () {
  "use strict";
  /* The filter panel starts closed so that a phone shows the results first; a wide screen
     has room for it beside the results. */
  var wide = window.matchMedia && window.matchMedia("(min-width: 801px)").matches;
  Array.prototype.forEach.call(document.querySelectorAll("details[data-open-wide]"), function (box) {
    if (wide) box.open = true;
  });
})();

(function () {
  "use strict";
  var province = document.getElementById("f-province");
  var district = document.getElementById("f-district");
  var commune = document.getElementById("f-commune");
  if (!province || !district || !window.fetch || !window.URLSearchParams) return;
  var base = province.dataset.districtsUrl;
  var places = ["province", "district", "commune", "page"];

  function option(value, label) {
    var item = document.createElement("option");
    item.value = value;
    item.textContent = label;
    return item;
  }

  /* The form's other filters (year, keyword, entities), so the counts match the list. */
  function otherFilters() {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(province.form.elements, function (field) {
      if (field.name && field.value && places.indexOf(field.name) === -1) {
        params.append(field.name, field.value);
      }
    });
    var query = params.toString();
    return query ? "?" + query : "";
  }

  function fill(select, slug, file, allLabel, emptyLabel) {
    select.replaceChildren(option("", "Đang tải…"));
    select.disabled = true;
    var url = base + encodeURIComponent(slug) + "/" + file + otherFilters();
    return fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (units) {
        select.replaceChildren(option("", units.length ? allLabel : emptyLabel));
        units.forEach(function (unit) {
          select.appendChild(option(unit.slug, unit.name + " (" + unit.count + ")"));
        });
        select.disabled = units.length === 0;
      })
      .catch(function () {
        select.replaceChildren(option("", "Bấm “Lọc” để cập nhật danh sách"));
      });
  }

  function fillCommunes() {
    if (!commune) return;
    var slug = district.value || province.value;
    if (!slug) {
      commune.replaceChildren(option("", "Chọn tỉnh trước"));
      commune.disabled = true;
      return;
    }
    fill(commune, slug, "xa-phuong.json", "Tất cả xã, phường", "Chọn quận, huyện trước");
  }

  province.addEventListener("change", function () {
    var slug = province.value;
    district.replaceChildren(option("", "Chọn tỉnh trước"));
    district.disabled = true;
    if (slug) {
      fill(district, slug, "quan-huyen.json", "Tất cả quận, huyện", "Không có quận, huyện");
    }
    fillCommunes();
  });
  district.addEventListener("change", fillCommunes);
})();
