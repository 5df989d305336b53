// @ts-check
// Progressive enhancement for Điển hình's pages. Every page works without this file; with it the
// self-assessment shows a running total, uploads show progress and accept drag-and-drop, and steps that
// cannot be undone ask for confirmation.
'use strict';

/** @returns {string} */
function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute('content') || '' : '';
}

/**
 * Marks a score outside 0..max (or not a whole number) beside its field, as the server would refuse it;
 * returns whether the score counts.
 */
function markRange(
  /** @type {HTMLInputElement} */ el,
  /** @type {string} */ code,
  /** @type {number} */ n,
  /** @type {number} */ max,
) {
  const ok = Number.isInteger(n) && n >= 0 && n <= max;
  const id = `${el.id}-range`;
  let note = document.getElementById(id);
  if (ok) {
    el.removeAttribute('aria-invalid');
    if (note) note.remove();
    return true;
  }
  el.setAttribute('aria-invalid', 'true');
  if (!note) {
    note = document.createElement('span');
    note.id = id;
    note.className = 'field-error';
    el.insertAdjacentElement('afterend', note);
  }
  note.textContent = `Điểm ${code} phải là số nguyên từ 0 đến ${max}.`;
  el.setAttribute('aria-describedby', id);
  return false;
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
    /** @type {string[]} */
    const invalid = [];
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
      const max = Number(el.dataset.max || '0');
      if (!markRange(el, code, n, max)) {
        invalid.push(`${code} (0–${max})`);
        return;
      }
      total += n;
      if (row.getAttribute('data-mandatory') === '1' && n < Number(row.getAttribute('data-met') || '0'))
        failed.push(code);
    });
    const pass = total >= passing && failed.length === 0 && invalid.length === 0;
    if (cell) cell.textContent = String(total);
    if (out) {
      out.textContent =
        `Tổng điểm tạm tính: ${total} (điểm đạt ${passing}). ` +
        (blank ? `Còn ${blank} tiêu chí chưa chấm. ` : '') +
        (invalid.length ? `Điểm không hợp lệ, không được tính: ${invalid.join(', ')}. ` : '') +
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

/**
 * Uploads through the API, one file after another, each with its own progress bar: several files may be
 * chosen or dropped onto the control at once (the no-script form sends one). The page reloads once, after
 * the last.
 */
/**
 * Shows the files of one upload control as the server now has them, without reloading the page: the page
 * is fetched again and the control's list (and the forms its remove buttons need) taken from it. Falls
 * back to a reload when the page cannot be read that way.
 */
async function refreshEvidence(/** @type {HTMLElement} */ zone) {
  const res = await window.fetch(window.location.href, { headers: { Accept: 'text/html' } });
  const doc = res.ok ? new window.DOMParser().parseFromString(await res.text(), 'text/html') : null;
  const fresh = doc && doc.querySelector(`.upload[data-form="${zone.dataset.form}"]`);
  // The criterion's row (or the section of the dossier's general files) holds the list and the control.
  const box = zone.closest('tr[data-code], section');
  const freshBox = fresh && fresh.closest('tr[data-code], section');
  if (!doc || !box || !freshBox) return window.location.reload();
  // Evidence changes the dossier's version: the page's other forms must send the new one.
  const version = doc.querySelector('input[type=hidden][name=version]');
  if (version) {
    const value = version.getAttribute('value') || '';
    // A hidden input's value is its attribute.
    document
      .querySelectorAll('input[type=hidden][name=version]')
      .forEach((i) => i.setAttribute('value', value));
  }
  const list = freshBox.querySelector('ul.files');
  const old = box.querySelector('ul.files');
  if (!list) return old ? old.remove() : undefined;
  const copy = /** @type {HTMLElement} */ (document.importNode(list, true));
  const anchor = zone.closest('details.add-file') || zone;
  if (old) old.replaceWith(copy);
  else if (anchor.parentElement) anchor.parentElement.insertBefore(copy, anchor);
  copy.querySelectorAll('button[form]').forEach((b) => {
    const id = b.getAttribute('form') || '';
    const form = doc.getElementById(id);
    const home = document.querySelector('div[hidden] > form');
    if (!form || document.getElementById(id) || !home || !home.parentElement) return;
    const added = /** @type {HTMLFormElement} */ (document.importNode(form, true));
    home.parentElement.appendChild(added);
    setUpConfirm(added);
  });
  copy
    .querySelectorAll('details[data-preview]')
    .forEach((d) => setUpPreview(/** @type {HTMLDetailsElement} */ (d)));
}

function setUpUpload(/** @type {HTMLElement} */ zone) {
  const form = /** @type {HTMLFormElement|null} */ (document.getElementById(zone.dataset.form || ''));
  if (!form) return;
  const fileInput = /** @type {HTMLInputElement} */ (zone.querySelector('input[type=file]'));
  const status = /** @type {HTMLElement} */ (zone.querySelector('.upload-status'));
  const url = zone.dataset.upload || '';
  fileInput.multiple = true;
  zone.classList.add('dropzone');
  /** One line per file: its name and its own progress bar. */
  const fileLine = (/** @type {File} */ file) => {
    const line = document.createElement('div');
    line.className = 'upload-file';
    const name = document.createElement('span');
    name.textContent = file.name;
    const bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', `Tiến độ tải lên ${file.name}`);
    line.append(name, bar);
    zone.appendChild(line);
    return bar;
  };
  /** @returns {Promise<string|null>} null when stored, else the reason it was refused */
  const send = (/** @type {File} */ file, /** @type {HTMLProgressElement} */ bar) =>
    new Promise((resolve) => {
      const data = new FormData();
      data.append('file', file);
      const code = /** @type {HTMLInputElement|null} */ (form.querySelector('input[name=criterionCode]'));
      if (code) data.append('criterionCode', code.value);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      xhr.setRequestHeader('X-CSRF-Token', csrfToken());
      status.textContent = `Đang tải lên ${file.name}…`;
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
      });
      xhr.addEventListener('load', () => {
        if (xhr.status === 201) {
          bar.value = 100;
          return resolve(null);
        }
        let message = `Không tải lên được (mã ${xhr.status}).`;
        try {
          message = JSON.parse(xhr.responseText).error.message || message;
        } catch {
          /* keep the generic message */
        }
        resolve(`${file.name}: ${message}`);
      });
      xhr.addEventListener('error', () => resolve(`${file.name}: mất kết nối khi tải lên.`));
      xhr.send(data);
    });
  const sendAll = async (/** @type {File[]} */ files) => {
    status.classList.remove('field-error');
    zone.querySelectorAll('.upload-file').forEach((n) => n.remove());
    const bars = files.map(fileLine);
    const refused = [];
    for (const [i, file] of files.entries()) {
      const why = await send(file, bars[i]);
      if (why) refused.push(why);
    }
    // What was stored shows in place (scores typed meanwhile stay as they are); a refusal stays readable.
    if (refused.length < files.length) await refreshEvidence(zone);
    if (!refused.length) {
      status.textContent = `Đã tải lên ${files.length} tệp.`;
      zone.querySelectorAll('.upload-file').forEach((n) => n.remove());
      fileInput.value = '';
      return;
    }
    status.textContent = `Đã tải lên ${files.length - refused.length}/${files.length} tệp. ${refused.join(' ')}`;
    status.classList.add('field-error');
  };
  form.addEventListener('submit', (e) => {
    const files = Array.from(fileInput.files || []);
    if (!files.length) return;
    e.preventDefault();
    void sendAll(files);
  });
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    const files = Array.from((e.dataTransfer && e.dataTransfer.files) || []);
    if (files.length) void sendAll(files);
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

/** A step that cannot be undone says what will happen and asks once more (`data-confirm`). */
function setUpConfirm(/** @type {HTMLFormElement} */ form) {
  form.addEventListener('submit', (e) => {
    if (!window.confirm(form.dataset.confirm || '')) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  });
}

/** An evidence preview loads its file only when opened: a frame for a PDF, an image otherwise. */
function setUpPreview(/** @type {HTMLDetailsElement} */ box) {
  box.addEventListener('toggle', () => {
    if (!box.open || box.querySelector('iframe, img')) return;
    const src = box.dataset.preview || '';
    const title = `Xem trước ${box.dataset.title || ''}`;
    const pdf = box.dataset.kind === 'pdf';
    const el = document.createElement(pdf ? 'iframe' : 'img');
    el.setAttribute(pdf ? 'title' : 'alt', title);
    el.setAttribute('src', src);
    box.appendChild(el);
  });
}

document
  .querySelectorAll('details[data-preview]')
  .forEach((d) => setUpPreview(/** @type {HTMLDetailsElement} */ (d)));

/**
 * A required field left empty is said beside the field, in the page (not the browser's bubble), and the
 * form is not sent; the server checks the same and answers beside the field too.
 */
function setUpRequired(/** @type {HTMLFormElement} */ form) {
  form.noValidate = true;
  form.addEventListener(
    'submit',
    (e) => {
      const empty = Array.from(form.querySelectorAll('textarea[required], input[required]')).filter(
        (el) =>
          /** @type {HTMLInputElement} */ (el).type !== 'file' &&
          !(/** @type {HTMLInputElement} */ (el).value.trim()),
      );
      form.querySelectorAll('.js-required').forEach((n) => n.remove());
      if (!empty.length) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      for (const el of empty) {
        const note = document.createElement('span');
        note.className = 'field-error js-required';
        note.id = `${el.id || el.getAttribute('name')}-required`;
        note.textContent = el.tagName === 'TEXTAREA' ? 'Vui lòng nêu lý do.' : 'Vui lòng nhập trường này.';
        el.insertAdjacentElement('afterend', note);
        el.setAttribute('aria-invalid', 'true');
        el.setAttribute('aria-describedby', note.id);
      }
      /** @type {HTMLElement} */ (empty[0]).focus();
    },
    true,
  );
}

document
  .querySelectorAll('form.reason-form, details.reason-form > form')
  .forEach((f) => setUpRequired(/** @type {HTMLFormElement} */ (f)));

// On a phone the menu starts folded (without script it stays open, and every link is still there).
const menu = /** @type {HTMLDetailsElement|null} */ (document.querySelector('details.nav-menu'));
if (menu && window.matchMedia('(max-width: 40rem)').matches) menu.open = false;

document
  .querySelectorAll('form[data-confirm]')
  .forEach((f) => setUpConfirm(/** @type {HTMLFormElement} */ (f)));
document
  .querySelectorAll('form.scores-form')
  .forEach((f) => setUpRunningTotal(/** @type {HTMLFormElement} */ (f)));
document.querySelectorAll('.upload[data-upload]').forEach((z) => setUpUpload(/** @type {HTMLElement} */ (z)));
document
  .querySelectorAll('[data-check-all]')
  .forEach((b) => setUpCheckAll(/** @type {HTMLButtonElement} */ (b)));

/**
 * A unit picker: as the admin types part of a name (accents optional) or a code, the field's list offers
 * the matching units as "name — code" (the server reads either form, and plain names too).
 */
function setUpUnitPicker(/** @type {HTMLInputElement} */ input) {
  const list = input.list;
  if (!list) return;
  /** @type {number|undefined} */
  let timer;
  let asked = '';
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2 || q === asked || q.includes(' — ')) return;
      asked = q;
      const res = await window.fetch(`/api/units?pageSize=10&q=${encodeURIComponent(q)}`, {
        headers: { Accept: 'application/json' },
      });
      if (!res.ok || asked !== q) return;
      const body = /** @type {{items: {code: string, name: string}[]}} */ (await res.json());
      list.replaceChildren(
        ...body.items.map((u) => {
          const option = document.createElement('option');
          option.value = `${u.name} — ${u.code}`;
          return option;
        }),
      );
    }, 200);
  });
}

document
  .querySelectorAll('input[data-unit-picker]')
  .forEach((i) => setUpUnitPicker(/** @type {HTMLInputElement} */ (i)));
