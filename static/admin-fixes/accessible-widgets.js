/* The admin's script-built widgets, named for screen readers (loaded on every admin page).
 *
 * - Autocomplete boxes (select2): the box, its search field and its list of results are named
 *   after the field's label (or, in a table row, its column heading, the select's aria-label);
 *   a single choice box also reads out its current choice. The "x" that clears a box is for the
 *   mouse only (the keyboard clears with Delete), so it is hidden from screen readers, which also
 *   keeps a multiple choice box's list made of list items.
 * - The two-list picker (filter_horizontal): its search icon is an image with a text, so the
 *   name it carries is allowed.
 *
 * The widgets are built after the page loads and again when a row is added, so a
 * MutationObserver names whatever appears.
 */
'use strict';
{
    // The id of an element whose text names the select: its <label>, or a hidden text made
    // from its aria-label (aria-labelledby can point at hidden text).
    function nameId(select) {
        const id = select.id + '-name';
        if (document.getElementById(id)) {
            return id;
        }
        const label = document.querySelector('label[for="' + CSS.escape(select.id) + '"]');
        if (label) {
            label.id = label.id || id;
            return label.id;
        }
        const text = select.getAttribute('aria-label');
        if (!text) {
            return null;
        }
        const hidden = document.createElement('span');
        hidden.id = id;
        hidden.hidden = true;
        hidden.textContent = text;
        select.before(hidden);
        return id;
    }

    function nameAutocomplete(select) {
        const container = select.nextElementSibling;
        if (!select.id || !container || !container.classList.contains('select2-container')) {
            return;
        }
        const name = nameId(select);
        if (!name) {
            return;
        }
        const box = container.querySelector('.select2-selection');
        const shown = container.querySelector('.select2-selection__rendered');
        const search = container.querySelector('.select2-search__field');
        if (box && box.classList.contains('select2-selection--single') && shown && shown.id) {
            // The field's name, then its choice ("Person: Jane Doe").
            box.setAttribute('aria-labelledby', name + ' ' + shown.id);
            shown.setAttribute('aria-labelledby', name);
        } else if (box) {
            box.setAttribute('aria-labelledby', name);
        }
        if (search) {
            search.setAttribute('aria-labelledby', name);
        }
    }

    // An open box's dropdown, appended to the end of the page: its results list is
    // "select2-<select id>-results".
    function nameDropdown(results) {
        const select = document.getElementById(results.id.replace(/^select2-(.*)-results$/, '$1'));
        const name = select && nameId(select);
        if (!name) {
            return;
        }
        results.setAttribute('aria-labelledby', name);
        const dropdown = results.closest('.select2-dropdown');
        const search = dropdown && dropdown.querySelector('.select2-search__field');
        if (search) {
            search.setAttribute('aria-labelledby', name);
        }
    }

    function nameAll() {
        document.querySelectorAll('select.admin-autocomplete').forEach(nameAutocomplete);
        document.querySelectorAll('.select2-results__options[id^="select2-"]').forEach(nameDropdown);
        document.querySelectorAll('.select2-selection__clear').forEach(
            (clear) => clear.setAttribute('aria-hidden', 'true')
        );
        document.querySelectorAll('.help-tooltip.search-label-icon[aria-label]').forEach(
            (icon) => icon.setAttribute('role', 'img')
        );
    }

    // Naming sets attributes and adds a hidden text once, so it wakes itself at most once more.
    new MutationObserver(nameAll).observe(document.documentElement, {childList: true, subtree: true});
    document.addEventListener('DOMContentLoaded', nameAll);
}
