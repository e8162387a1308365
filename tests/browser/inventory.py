"""Which browser test runs axe-core on each page of the app, its form errors and error pages.

`test_inventory.py` fails when a GET endpoint that renders HTML, or a form, has no entry
here; the browser conftest fails a listed test that did not pass axe on what it is listed
for. So a new page cannot ship without an axe visit, and the table cannot claim one that
does not happen.

Test ids are relative to `tests/browser/`, as in `pytest tests/browser/<id>`.
"""

from __future__ import annotations

import re

from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from tests.browser.axe import Visit

#: Rules that answer with a file, not a page: feeds, downloads, the chart image.
FILE_RULE = re.compile(r"\.(ics|csv|docx|md|png|ico|json)$")

_ACCOUNTS = "test_accounts.py::"
_AWARDS = "test_awards.py::"
_COVER = "test_coverage.py::"
_DIALOGUE = "test_dialogue.py::"
_IMPORT = "test_directory_import.py::test_the_list_import_with_a_dry_run_and_a_refused_file"
_EVENTS = "test_events.py::"
_FEEDS = "test_feeds.py::"
_FOUNDATION = "test_foundation.py::"
_KEYS = "test_keyboard.py::"
_MANAGE = "test_manage.py::"
_REPORTS = "test_reports.py::"

#: GET endpoint -> the test that passes axe on the page it renders.
PAGES: dict[str, str] = {
    "accounts.change_password": _ACCOUNTS + "test_the_change_password_page_and_its_errors",
    "accounts.login": _FOUNDATION + "test_public_pages_are_accessible[/login]",
    "accounts.profile": _FOUNDATION + "test_signed_in_admin_pages_are_accessible",
    "accounts.reset_password": _COVER + "test_password_reset_pages_and_errors",
    "accounts.reset_request": _FOUNDATION + "test_public_pages_are_accessible[/password/reset]",
    "admin.edit_user": _FOUNDATION + "test_signed_in_admin_pages_are_accessible",
    "admin.index": _FOUNDATION + "test_signed_in_admin_pages_are_accessible",
    "admin.new_user": _FOUNDATION + "test_signed_in_admin_pages_are_accessible",
    "awards.candidates": _AWARDS + "test_the_administrators_pages_are_accessible",
    "awards.decide": _AWARDS + "test_the_administrators_pages_are_accessible",
    "awards.edit_category": _COVER + "test_award_settings_forms_with_errors",
    "awards.edit_criterion": _COVER + "test_award_settings_forms_with_errors",
    "awards.edit_cycle": _AWARDS + "test_the_administrators_pages_are_accessible",
    "awards.jury_candidate": _AWARDS + "test_the_juror_pages_are_accessible",
    "awards.jury_home": _AWARDS + "test_the_juror_pages_are_accessible",
    "awards.manage_cycle": _AWARDS + "test_the_administrators_pages_are_accessible",
    "awards.lift_embargo": _AWARDS + "test_lifting_the_embargo_is_accessible_with_its_errors",
    "awards.manage_index": _AWARDS + "test_the_administrators_pages_are_accessible",
    "awards.new_cycle": _COVER + "test_award_settings_forms_with_errors",
    "awards.nominate": _AWARDS + "test_the_nomination_form_and_its_error_state_are_accessible",
    "awards.receipt": _AWARDS + "test_a_person_nominates_and_sees_the_receipt",
    "awards.screen": _AWARDS + "test_the_administrators_pages_are_accessible",
    "awards.show_cycle": _AWARDS + "test_the_award_page_with_winners_is_accessible",
    "dialogue.edit_contact": _DIALOGUE + "test_contacts_and_needs_pages_with_their_errors",
    "dialogue.edit_need": _DIALOGUE + "test_contacts_and_needs_pages_with_their_errors",
    "dialogue.index": _DIALOGUE + "test_a_site_admin_chooses_the_unit",
    "dialogue.list_contacts": _DIALOGUE + "test_contacts_and_needs_pages_with_their_errors",
    "dialogue.list_needs": _DIALOGUE + "test_contacts_and_needs_pages_with_their_errors",
    "dialogue.new_contact": _DIALOGUE + "test_contacts_and_needs_pages_with_their_errors",
    "dialogue.new_need": _DIALOGUE + "test_contacts_and_needs_pages_with_their_errors",
    "directory.edit_organisation": _COVER + "test_directory_and_admin_forms_with_errors",
    "directory.edit_venue": _COVER + "test_directory_and_admin_forms_with_errors",
    "directory.import_organisations": _IMPORT,
    "directory.list_organisations": _MANAGE
    + "test_list_and_directory_pages_are_accessible[/manage/organisations/]",
    "directory.list_venues": _MANAGE
    + "test_list_and_directory_pages_are_accessible[/manage/venues/]",
    "directory.new_organisation": _MANAGE
    + "test_list_and_directory_pages_are_accessible[/manage/organisations/new]",
    "directory.new_venue": _MANAGE
    + "test_list_and_directory_pages_are_accessible[/manage/venues/new]",
    "events.calendar_list": _EVENTS + "test_calendar_views_are_accessible[/calendar/list]",
    "events.calendar_month": _EVENTS + "test_calendar_views_are_accessible[/calendar/2026/12]",
    "events.calendar_week": _EVENTS + "test_calendar_views_are_accessible[/calendar/2026/week/53]",
    "events.list_events": _EVENTS + "test_event_list_is_accessible",
    "events.show_event": _EVENTS + "test_event_page_with_form_is_accessible",
    "feeds.import_events": _FEEDS + "test_profile_token_and_import_pages",
    "feeds.index": _FEEDS + "test_feed_list",
    "events_manage.cancel_date": _COVER + "test_organiser_date_and_event_forms_with_errors",
    "events_manage.cancel_event": _COVER + "test_organiser_date_and_event_forms_with_errors",
    "events_manage.edit_event": _MANAGE + "test_create_a_series_move_and_cancel_dates",
    "events_manage.end_series": _COVER + "test_organiser_date_and_event_forms_with_errors",
    "events_manage.list_events": _MANAGE
    + "test_list_and_directory_pages_are_accessible[/manage/events/]",
    "events_manage.move_date": _MANAGE + "test_create_a_series_move_and_cancel_dates",
    "events_manage.new_event": _MANAGE + "test_create_a_series_move_and_cancel_dates",
    "events_manage.record_outcome": _MANAGE + "test_record_an_outcome",
    "pages.accessibility": _FOUNDATION + "test_public_pages_are_accessible[/accessibility]",
    "pages.home": _FOUNDATION + "test_public_pages_are_accessible[/]",
    "pages.privacy": _FOUNDATION + "test_public_pages_are_accessible[/privacy]",
    "registrations.cancel": _COVER + "test_registration_cancel_page",
    "registrations.manage": _EVENTS + "test_manage_registrations_is_accessible",
    "reports.answer_history": _REPORTS + "test_edit_page_takes_the_draft_and_saves_accessibly",
    "reports.city_report": _REPORTS + "test_city_compilation_and_question_template_are_accessible",
    "reports.edit_answer": _REPORTS + "test_edit_page_takes_the_draft_and_saves_accessibly",
    "reports.edit_period": _REPORTS + "test_report_page_is_accessible",
    "reports.edit_question": _REPORTS
    + "test_city_compilation_and_question_template_are_accessible",
    "reports.index": _REPORTS + "test_report_page_is_accessible",
    "reports.list_questions": _REPORTS
    + "test_city_compilation_and_question_template_are_accessible",
    "reports.reopen_period": _COVER + "test_report_forms_with_errors",
    "reports.show_report": _REPORTS + "test_report_page_is_accessible",
}

#: Endpoint a form posts to -> the test that passes axe on the form shown again with errors.
FORM_ERRORS: dict[str, str] = {
    "accounts.change_password": _ACCOUNTS + "test_the_change_password_page_and_its_errors",
    "accounts.login": _FOUNDATION + "test_login_error_state_is_accessible",
    "accounts.reset_password": _COVER + "test_password_reset_pages_and_errors",
    "accounts.reset_request": _COVER + "test_password_reset_pages_and_errors",
    "admin.edit_user": _COVER + "test_directory_and_admin_forms_with_errors",
    "admin.new_user": _COVER + "test_directory_and_admin_forms_with_errors",
    "awards.add_category": _COVER + "test_award_settings_forms_with_errors",
    "awards.add_criterion": _COVER + "test_award_settings_forms_with_errors",
    "awards.declare": _KEYS + "test_a_juror_declares_and_scores_with_the_keyboard",
    "awards.decide": _COVER + "test_award_decision_errors_and_refusal_page",
    "awards.edit_category": _COVER + "test_award_settings_forms_with_errors",
    "awards.edit_criterion": _COVER + "test_award_settings_forms_with_errors",
    "awards.edit_cycle": _COVER + "test_award_settings_forms_with_errors",
    "awards.jury_candidate": _KEYS + "test_a_juror_declares_and_scores_with_the_keyboard",
    "awards.lift_embargo": _AWARDS + "test_lifting_the_embargo_is_accessible_with_its_errors",
    "awards.new_cycle": _COVER + "test_award_settings_forms_with_errors",
    "awards.nominate": _AWARDS + "test_the_nomination_form_and_its_error_state_are_accessible",
    "awards.screen": _AWARDS + "test_the_administrators_pages_are_accessible",
    "awards.set_phase": _AWARDS + "test_closing_nominations_early_asks_first_and_is_accessible",
    "dialogue.edit_contact": _DIALOGUE + "test_contacts_and_needs_pages_with_their_errors",
    "dialogue.edit_need": _DIALOGUE + "test_contacts_and_needs_pages_with_their_errors",
    "dialogue.move_need": _DIALOGUE + "test_contacts_and_needs_pages_with_their_errors",
    "dialogue.new_contact": _DIALOGUE + "test_contacts_and_needs_pages_with_their_errors",
    "dialogue.new_need": _DIALOGUE + "test_contacts_and_needs_pages_with_their_errors",
    "directory.edit_organisation": _COVER + "test_directory_and_admin_forms_with_errors",
    "directory.edit_venue": _COVER + "test_directory_and_admin_forms_with_errors",
    "directory.import_organisations": _IMPORT,
    "directory.new_organisation": _COVER + "test_directory_and_admin_forms_with_errors",
    "directory.new_venue": _MANAGE + "test_directory_error_state_is_accessible",
    "events.list_events": _EVENTS + "test_event_list_with_bad_filters_is_accessible",
    "feeds.import_events": _FEEDS + "test_profile_token_and_import_pages",
    "events_manage.cancel_date": _COVER + "test_organiser_date_and_event_forms_with_errors",
    "events_manage.cancel_event": _COVER + "test_organiser_date_and_event_forms_with_errors",
    "events_manage.edit_event": _COVER + "test_organiser_date_and_event_forms_with_errors",
    "events_manage.end_series": _COVER + "test_organiser_date_and_event_forms_with_errors",
    "events_manage.move_date": _COVER + "test_organiser_date_and_event_forms_with_errors",
    "events_manage.new_event": _MANAGE + "test_create_a_series_move_and_cancel_dates",
    "events_manage.record_outcome": _MANAGE + "test_record_an_outcome",
    "pages.accessibility": _FOUNDATION + "test_accessibility_form_error_state_is_accessible",
    "registrations.register": _EVENTS + "test_registration_errors_and_success_in_the_browser",
    "reports.edit_answer": _REPORTS + "test_error_and_conflict_states_are_accessible",
    "reports.edit_period": _COVER + "test_report_forms_with_errors",
    "reports.edit_question": _COVER + "test_report_forms_with_errors",
    "reports.list_questions": _COVER + "test_report_forms_with_errors",
    "reports.open_period": _COVER + "test_report_forms_with_errors",
    "reports.reopen_period": _COVER + "test_report_forms_with_errors",
}

_BUTTON = "a button with no fields; a refusal comes back as a flash message on the page"
_REFUSAL = "a refusal is the award's 'Det gick inte' page (ERROR_PAGES[400])"

#: Forms that cannot come back with errors beside their fields, and why.
NO_FORM_ERRORS: dict[str, str] = {
    "accounts.logout": _BUTTON,
    "admin.add_membership": "two lists with valid choices; a refusal is a flash message",
    "admin.handle_report": _BUTTON,
    "admin.remove_membership": _BUTTON,
    "admin.send_link": _BUTTON,
    "admin.retry_mail": _BUTTON,
    "awards.assign_juror": _REFUSAL,
    "awards.delete_category": _REFUSAL,
    "awards.delete_criterion": _REFUSAL,
    "awards.merge": _REFUSAL,
    "awards.remove_juror": _REFUSAL,
    "awards.reopen": _REFUSAL,
    "awards.rule_conflict": _REFUSAL,
    "awards.split": _REFUSAL,
    "dialogue.delete_contact": _BUTTON,
    "feeds.new_token": _BUTTON,
    "feeds.revoke_token": _BUTTON,
    "events_manage.duplicate_event": _BUTTON,
    "events_manage.publish_event": _BUTTON,
    "events_manage.restore_date": _BUTTON,
    "registrations.cancel": "one confirm button and no fields; a bad token is a 404",
    "registrations.cancel_for": _BUTTON,
    "registrations.set_attendance": _BUTTON,
    "reports.copy_questions": _BUTTON,
    "reports.delete_question": _BUTTON,
    "reports.regenerate": _BUTTON,
    "reports.submit_period": _BUTTON,
    "reports.take_draft": _BUTTON,
}

#: The 503 page that shows a form again as typed, because the database failed while saving.
OUTAGE_FORM = "503 with the form"

#: Error pages by status -> the test that passes axe on one.
ERROR_PAGES: dict[int | str, str] = {
    400: _COVER + "test_award_decision_errors_and_refusal_page",
    403: _COVER + "test_forbidden_and_unavailable_pages",
    404: _FOUNDATION + "test_not_found_page_is_accessible",
    503: _COVER + "test_forbidden_and_unavailable_pages",
    OUTAGE_FORM: _COVER + "test_forbidden_and_unavailable_pages",
}


#: GET endpoints that only redirect and never render a page of their own, and why.
REDIRECT_ONLY: dict[str, str] = {
    "pages.set_language": "sets the language cookie and goes back to the page it came from",
}


def html_pages(app) -> set[str]:
    """Every endpoint answering GET with a page: not static files, feeds, downloads or
    redirects."""
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods
        and rule.endpoint != "static"
        and rule.endpoint not in REDIRECT_ONLY
        and not FILE_RULE.search(rule.rule)
    }


def forms(app) -> set[str]:
    """Every endpoint a form posts to."""
    return {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}


def endpoint_of(app, path: str) -> str | None:
    """The endpoint serving `path` (by GET, else by POST: a form shown again), if any."""
    adapter = app.url_map.bind("127.0.0.1")
    for method in ("GET", "POST"):
        try:
            return adapter.match(path, method=method)[0]
        except RequestRedirect:
            return None
        except HTTPException:
            continue
    return None


def covered(app, visit: Visit) -> set[tuple[str, object]]:
    """What a visit that passed axe proves: a page, a form's error state or an error page."""
    if visit.status == 503 and visit.shows_errors:
        return {("status", OUTAGE_FORM)}
    if visit.shows_errors:  # a form shown again, whatever its status (200, 400, 409, 422)
        return {("errors", endpoint_of(app, visit.path))}
    if visit.status >= 400:
        return {("status", visit.status)}
    return {("page", endpoint_of(app, visit.path))}


def claims(test_id: str) -> set[tuple[str, object]]:
    """What the inventory says the test `test_id` proves."""
    found: set[tuple[str, object]] = set()
    for kind, table in (("page", PAGES), ("errors", FORM_ERRORS), ("status", ERROR_PAGES)):
        found |= {(kind, key) for key, owner in table.items() if owner == test_id}
    return found
