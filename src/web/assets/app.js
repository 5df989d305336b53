// @ts-check
// Progressive enhancement for Điển hình's pages. Every page works without this file; with it the
// self-assessment shows a running total, uploads show progress and accept drag-and-drop.
'use strict';

/** @returns {string} */
function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute('content') || '' : '';
}

/** Running total and pass/fail of the score column being edited. */
function setUpRunningTotal(/** @type {HTMLFormElement} */ form) {
  const out = form.querySelector('[data-running]');
  const cell = form.querySelector('[data-total="live"]');
  const passing = Number(form.dataset.passing || '0');
  const update = () => {
    let total = 0;
    let blank = 0;
    const failed = [];
    form.querySelectorAll('tr[data-code]').forEach((row) => {
      const el = /** @type {HTMLInputElement|null} */ (row.querySelector('input.points'));
      if (!el) return;
      const code = row.getAttribute('data-code') || '';
      if (el.value.trim() === '') {
        blank += 1;
        if (row.getAttribute('data-mandatory') === '1') failed.push(code);
        return;
      }
      const n = Number(el.value);
      if (Number.isFinite(n)) total += n;
      if (row.getAttribute('data-mandatory') === '1' && n < Number(row.getAttribute('data-met') || '0'))
        failed.push(code);
    });
    const pass = total >= passing && failed.length === 0;
    if (cell) cell.textContent = String(total);
    if (out) {
      out.textContent =
        `Tổng điểm tạm tính: ${total} (điểm đạt ${passing}). ` +
        (blank ? `Còn ${blank} tiêu chí chưa chấm. ` : '') +
        (pass
          ? 'Đạt yêu cầu.'
          : failed.length
            ? `Chưa đạt: tiêu chí bắt buộc ${failed.join(', ')}.`
            : 'Chưa đạt điểm yêu cầu.');
      out.className = `running ${pass ? 'pass' : 'fail'}`;
    }
  };
  form.addEventListener('input', update);
  update();
}

/** Uploads through the API with a progress bar; a file can be dropped onto the control. */
function setUpUpload(/** @type {HTMLElement} */ zone) {
  const form = /** @type {HTMLFormElement|null} */ (document.getElementById(zone.dataset.form || ''));
  if (!form) return;
  const fileInput = /** @type {HTMLInputElement} */ (zone.querySelector('input[type=file]'));
  const progress = /** @type {HTMLProgressElement} */ (zone.querySelector('progress'));
  const status = /** @type {HTMLElement} */ (zone.querySelector('.upload-status'));
  const url = zone.dataset.upload || '';
  zone.classList.add('dropzone');
  const send = (/** @type {File} */ file) => {
    const data = new FormData();
    data.append('file', file);
    const code = /** @type {HTMLInputElement|null} */ (form.querySelector('input[name=criterionCode]'));
    if (code) data.append('criterionCode', code.value);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('X-CSRF-Token', csrfToken());
    progress.hidden = false;
    progress.value = 0;
    status.classList.remove('field-error');
    status.textContent = `Đang tải lên ${file.name}…`;
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status === 201) {
        progress.value = 100;
        status.textContent = `Đã tải lên ${file.name}.`;
        window.location.reload();
        return;
      }
      let message = `Không tải lên được (mã ${xhr.status}).`;
      try {
        message = JSON.parse(xhr.responseText).error.message || message;
      } catch {
        /* keep the generic message */
      }
      progress.hidden = true;
      status.textContent = message;
      status.classList.add('field-error');
    });
    xhr.addEventListener('error', () => {
      progress.hidden = true;
      status.textContent = 'Mất kết nối khi tải lên. Vui lòng thử lại.';
    });
    xhr.send(data);
  };
  form.addEventListener('submit', (e) => {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    e.preventDefault();
    send(file);
  });
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    const file = e.dataTransfer && e.dataTransfer.files[0];
    if (file) send(file);
  });
}

/** "Chọn tất cả" for a list of checkboxes. */
function setUpCheckAll(/** @type {HTMLButtonElement} */ button) {
  button.addEventListener('click', () => {
    const name = button.dataset.checkAll;
    const boxes = /** @type {NodeListOf<HTMLInputElement>} */ (
      document.querySelectorAll(`input[type=checkbox][name="${name}"]`)
    );
    const all = Array.from(boxes).every((b) => b.checked);
    boxes.forEach((b) => (b.checked = !all));
  });
}

document
  .querySelectorAll('form.scores-form')
  .forEach((f) => setUpRunningTotal(/** @type {HTMLFormElement} */ (f)));
document
  .querySelectorAll('form[data-upload]')
  .forEach((f) => setUpUpload(/** @type {HTMLFormElement} */ (f)));
document
  .querySelectorAll('[data-check-all]')
  .forEach((b) => setUpCheckAll(/** @type {HTMLButtonElement} */ (b)));
