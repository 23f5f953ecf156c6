// Decision pages in the admin: choosing a reason template copies its text into the reason field, where staff can
// still edit it. Without JavaScript the picker stays hidden and the templates are listed below the form to copy.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-reason-picker]").forEach(function (picker) {
    var select = picker.querySelector("select");
    var target = document.getElementById(select.dataset.target);
    if (!target) {
      return;
    }
    picker.hidden = false;
    select.addEventListener("change", function () {
      if (select.value) {
        target.value = select.value;
      }
    });
  });
});
