/* Report list: when the province changes, list that province's districts.
   Without this script the page still works: the districts follow after "Lọc". */
(function () {
  "use strict";
  var province = document.getElementById("f-province");
  var district = document.getElementById("f-district");
  if (!province || !district || !window.fetch) return;

  function option(value, label) {
    var item = document.createElement("option");
    item.value = value;
    item.textContent = label;
    return item;
  }

  province.addEventListener("change", function () {
    var slug = province.value;
    district.replaceChildren(option("", slug ? "Đang tải…" : "Chọn tỉnh trước"));
    district.disabled = true;
    if (!slug) return;
    var url = province.dataset.districtsUrl + encodeURIComponent(slug) + "/quan-huyen.json";
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (districts) {
        district.replaceChildren(option("", "Tất cả quận, huyện"));
        districts.forEach(function (unit) {
          district.appendChild(option(unit.slug, unit.name));
        });
        district.disabled = districts.length === 0;
      })
      .catch(function () {
        district.replaceChildren(option("", "Bấm “Lọc” để xem quận, huyện"));
      });
  });
})();
