"""Every error message chiso can show: a code's English template, and its rendering in a language.

:class:`~chiso.errors.ChisoError` carries a code and parameters; this module turns them into a
sentence. :data:`MESSAGES` maps each code to its English template, :data:`HINTS` adds the CLI's
hint to a few (a command to run, a flag to give), shown by the CLI and the JSON API but not by
the web pages. Each template is wrapped in ``N_()`` so ``pybabel extract`` finds it; the
translations live in the gettext domain ``errors`` (``src/chiso/locale/{vi,en}/LC_MESSAGES/
errors.po``, catalogue template ``src/chiso/locale/errors.pot``). After changing a template
or adding a code, from the project root::

    .venv/bin/pybabel extract --no-default-keywords -k N_ -k NC_:1c,2 --no-location \\
        --omit-header -o src/chiso/locale/errors.pot src/chiso/error_messages.py
    .venv/bin/pybabel update --no-fuzzy-matching -D errors -i src/chiso/locale/errors.pot \\
        -d src/chiso/locale

then write the Vietnamese in ``vi/LC_MESSAGES/errors.po`` (``tests/test_error_codes.py`` fails
while a code has none). ``pybabel compile -D errors -d src/chiso/locale`` makes the ``.mo``
files (``make messages`` and ``make catalogues`` do all of this for both domains).

A template is :meth:`str.format` text with named slots (``{id}``, ``{value!r}``,
``{timeout:g}``), plus two marks of our own:

- ``[...]`` around a part with a slot: the part is shown only when each of its slots has a
  value (``[ by {who}]``);
- ``{n:plural}``: ``s`` unless ``n`` is 1 (English; other languages leave it out).

Parameters are shown as given, except those whose slot name says they come from a closed list
or have a shape a language writes its own way (the same names in every template):

- ``what``, ``state``, ``kind``, ``status``: a word (gettext context ``word``: file → tệp);
- ``name``: the name the readers give input that has none (context ``name``: pasted text);
- ``field``: a form or query field (context ``field``: title → Tiêu đề);
- ``size``, ``limit``: a size written ``1.5 MB`` / ``200,000 bytes``, in the language's digits;
- ``when``: a time written ``2026-01-16 14:05``, in the language's order (context ``format``);
- ``problems``: validation problems (:func:`validation_problems`), each a field and Pydantic's
  message; a language with a translation of the problem's type (:data:`PYDANTIC`) says it
  from the type and its context, otherwise Pydantic's English stays.

A code without a translation shows the English; a parameter a template lacks shows the English
template with the raw parameters: rendering never fails.
"""

from __future__ import annotations

import contextlib
import gettext
import re
import string
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, Final, TypeAlias

from chiso import i18n

Param: TypeAlias = "str | int | float | bool | list[Param] | dict[str, Param] | None"

#: The gettext domain of error messages (its own, beside the UI's).
DOMAIN: Final = "errors"
LOCALE_DIR: Final = i18n.LOCALE_DIR


def N_(message: str) -> str:  # noqa: N802 - the gettext convention pybabel looks for
    """Mark ``message`` for extraction; it is translated when rendered."""
    return message


def NC_(context: str, message: str) -> str:  # noqa: N802
    """Mark ``message`` for extraction in gettext ``context``."""
    return message


#: Code -> English template (see the module docstring).
MESSAGES: Final[dict[str, str]] = {
    "account_sign_in_required": N_("sign in to see your account"),
    "admin_own_account": N_("you cannot disable your own account or take away your own admin role"),
    "admin_sign_in_required": N_("sign in as an admin (or send an API token) to manage users, tokens and feeds"),
    "address_blocked": N_("refused: {host} is a {reason} address (private addresses are not allowed)"),
    "alert_email_invalid": N_("{email}: not an e-mail address"),
    "alert_exists": N_("you already subscribe to {target} {key}"),
    "alert_kind_choice": N_("subscribe to one of {choices}, not {value}"),
    "alert_needs_channel": N_("give an e-mail address, a webhook URL or both"),
    "alert_not_found": N_("you have no alert subscription {id}"),
    "alert_target_unknown": N_("nothing to subscribe to: {target} {key}"),
    "alerts_sign_in_required": N_("sign in to manage your alerts"),
    "api_bad_cursor": N_("after: not a cursor from a next_url ({after})"),
    "api_mentions_need_report": N_("accepted and rejected mentions are listed per report: add report_id"),
    "api_token_invalid": N_("the API token is not valid"),
    "assets_missing": N_(
        "front-end assets are missing ({path}): run `npm ci` in the project directory (`make install` does it) or set CHISO_ASSETS_DIR to a node_modules directory"
    ),
    "bad_byte_order_mark": N_("{name}: starts with a {codec} byte-order mark but is not valid {codec}"),
    "bad_page_cursor": N_("the page cursor is not valid: start again from the first page"),
    "binary_file": N_("{name}: binary file (not text, HTML or PDF)"),
    "body_unparsable": N_("There was an error parsing the body"),
    "catalogue_duplicate_slug": N_("{source}:{line}: {who}: duplicate slug (first defined at line {first})"),
    "catalogue_empty": N_("{source}:1: the catalogue is empty"),
    "catalogue_indicator_invalid": N_("{source}:{line}: {who}: {problem}{more}"),
    "catalogue_indicator_not_mapping": N_("{source}:{line}: each indicator must be a mapping of fields"),
    "catalogue_indicators_not_list": N_("{source}:{line}: 'indicators' must be a list of indicators"),
    "catalogue_key_twice": N_("{source}:{line}: key {key!r} appears twice (first at line {first})"),
    "catalogue_no_indicators": N_("{source}:{line}: no 'indicators' list"),
    "catalogue_not_utf8": N_("{path}: the catalogue is not UTF-8 ({reason} at byte {byte})"),
    "catalogue_unknown_key": N_(
        "{source}:{line}: unknown top-level key {key!r} (expected 'version' and 'indicators')"
    ),
    "catalogue_unreadable": N_("{path}: cannot read the catalogue: {reason}"),
    "catalogue_version_unsupported": N_(
        "{source}:{line}: catalogue version {version!r} is not supported (only 1)"
    ),
    "catalogue_yaml_invalid": N_("{source}: not valid YAML: {problem}"),
    "catalogue_yaml_invalid_at": N_("{source}:{line}: not valid YAML: {problem}"),
    "cli_choose_one": N_("{field}: choose one of {choices}, got {value!r}"),
    "cli_deadline_nothing_to_change": N_(
        "nothing to change: give --title, --owner, --programme, --due-start, --due-end, --target-indicator or --target-value"
    ),
    "cli_indicator_nothing_to_change": N_("nothing to change: give at least one option (see --help)"),
    "cli_no_suggestion": N_("no suggestion {key}"),
    "cli_no_suggestion_to_accept": N_("no suggestion to accept: pick n (new indicator), e, r or s"),
    "cli_on_needs_day": N_("--on needs a day, YYYY-MM-DD"),
    "cli_published_empty": N_("PUBLISHED must be YYYY-MM-DD, got ''"),
    "cli_range_format": N_("--range must be MIN,MAX (e.g. 0,100), got {value!r}"),
    "cli_report_metadata_one_source": N_(
        "--title, --url and --publisher name one report; give one source with them"
    ),
    "cli_review_needs_terminal": N_(
        "the review queue needs a terminal: stdin is not one; in scripts use `chiso review accept|reject|auto`"
    ),
    "cli_unknown_key": N_("unknown key {key!r}"),
    "cli_value_not_number": N_("value must be a number, got {value!r}"),
    "commitment_already_merged": N_("commitment {id} was already merged into commitment {commitment}"),
    "commitment_already_open": N_("commitment {id} is already open"),
    "commitment_already_resolved": N_("commitment {id} is already {status}; reopen it first"),
    "commitment_closed_due_date": N_("commitment {id} is {status}; reopen it before moving its due date"),
    "commitment_due_reversed": N_("commitment {id}: the due range starts after it ends"),
    "commitment_edit_needs_reason": N_("say why the commitment is changed"),
    "commitment_merge_itself": N_("commitment {id} cannot be merged into itself"),
    "commitment_merged_change": N_(
        "commitment {id} was merged into commitment {commitment}; change that one"
    ),
    "commitment_merged_link": N_("commitment {id} was merged into commitment {commitment}; link to that one"),
    "commitment_needs_title": N_("a commitment needs a title"),
    "commitment_not_late": N_("commitment {id} is due {due}: met on {on} is not late; choose met"),
    "commitment_or_new": N_("give a commitment or ask for a new one, not both"),
    "commitment_target_needs_value": N_("a target needs the value the indicator should reach"),
    "commitment_status_choice": N_("status must be one of {choices}, got {value!r}"),
    "csrf_failed": N_("the form has expired or did not come from this site: reload the page and try again"),
    "database_busy": N_("the database is busy, try again"),
    "database_error": N_("database error: {detail}"),
    "database_upgrade_failed": N_("cannot upgrade the database: {detail}"),
    "date_format": N_("{field} must be YYYY-MM-DD, got {value!r}"),
    "deadline_due_reversed": N_("deadline mention {id}: due_start is after due_end"),
    "deadline_links_commitment": N_("mention {id} is a deadline: link it to a commitment, not an indicator"),
    "deadline_needs_due": N_("deadline mention {id} needs a due date: set due_end (or due_start)"),
    "deadline_no_indicator": N_("mention {id} is a deadline; only figures make indicators"),
    "demo_needs_empty_database": N_("the database already holds reports; the demo needs an empty database"),
    "edit_invalid": N_("cannot use that edit: {problems}"),
    "editor_sign_in_required": N_("sign in as an editor (or send an API token) to change anything"),
    "empty": N_("{name}: {what} is empty"),
    "empty_header_only": N_("{name}: {what} is empty (header only)"),
    "empty_whitespace": N_("{name}: {what} is empty (only whitespace)"),
    "event_already_decided": N_("event {id} is already {state}"),
    "event_not_confirmed": N_("event {id} is a {kind}, which is not confirmed"),
    "event_undated": N_("event {id} has no date and its report none either; give the report its date first"),
    "feed_address_blocked": N_("{url}: {reason}"),
    "feed_address_unusable": N_("{url}: {reason}; check the address"),
    "feed_already_followed": N_("{url}: this feed is already followed"),
    "feed_item_no_link": N_("the feed item has no link"),
    "feed_not_rss": N_("{url}: not an RSS or Atom feed{detail}"),
    "feed_scheme": N_("{url}: a feed must be an http:// or https:// URL"),
    "feed_lease_lost": N_("feed {id}: another worker took it over (this poll ran past its lease)"),
    "poll_every_range": N_("a feed is polled every {low} to {high} seconds, not every {seconds}"),
    "queue_url_invalid": N_("{url}: the queue is redis://host:port/db, sqlite:///path or memory"),
    "fetch_content_encoding": N_("{url}: unsupported content encoding ({encoding})"),
    "fetch_deadline": N_("{url}: timed out (over the {seconds:g} s limit for the whole fetch)"),
    "fetch_failed": N_("{url}: could not fetch ({reason})"),
    "fetch_redirect_invalid": N_("{url}: redirect to an invalid URL ({location})"),
    "fetch_redirect_loop": N_("{url}: redirect loop ({current} redirects back to {target})"),
    "fetch_redirect_no_location": N_("{url}: redirect ({status}) without a Location"),
    "fetch_redirect_not_http": N_("{url}: redirect to a non-HTTP URL refused ({location})"),
    "fetch_scheme_refused": N_("{url}: only http and https URLs can be fetched (not {scheme})"),
    "fetch_status": N_("{url}: server answered {status}[ {phrase}]"),
    "fetch_timed_out": N_("{url}: timed out after {timeout:g} s"),
    "fetch_too_many_redirects": N_("{url}: too many redirects (more than {most})"),
    "fetch_unresolved_host": N_("cannot resolve host name {host}"),
    "fetch_unresolved_host_because": N_("cannot resolve host name {host} ({reason})"),
    "field_date_format": N_("{field}: a date is YYYY-MM-DD, got {value!r}"),
    "field_has_nul": N_("{field}: contains a NUL character (\\0)"),
    "field_invalid": N_("{field}: {msg}"),
    "field_not_editable": N_("{field} cannot be edited on a {kind} mention"),
    "field_too_long": N_("{field}: at most {most} characters (this one has {n})"),
    "figure_links_indicator": N_("mention {id} is a figure: link it to an indicator, not a commitment"),
    "figure_needs_value": N_("a figure needs a value"),
    "file_unwritable": N_("{path}: cannot write: {reason}"),
    "header_date_invalid": N_("{name}: header date {value!r} is not a date (use YYYY-MM-DD)"),
    "history_sign_in_required": N_("sign in to see the history of changes"),
    "html_no_article": N_("{name}: no article text found in the HTML page"),
    "http_error": N_("{detail}"),
    "indicator_exists": N_("indicator {slug!r} already exists"),
    "indicator_field_invalid": N_("indicator {slug!r}: {field}: {msg}"),
    "indicator_or_commitment": N_("give an indicator or a commitment, not both"),
    "indicator_slug_exists": N_("an indicator with slug {slug!r} already exists"),
    "invalid_fields": N_("{problems}"),
    "invalid_request": N_("invalid request"),
    "is_directory": N_("{name}: is a directory, not a file"),
    "mention_already_decided": N_("mention {id} is already {state}[ by {who}][ at {when}]; reopen it first"),
    "mention_already_linked": N_("mention {id} is already linked to commitment {commitment}"),
    "mention_already_pending": N_("mention {id} is pending already; there is nothing to undo"),
    "mention_not_deadline": N_("mention {id} is a {kind}, not a deadline"),
    "method_not_allowed": N_("{method} is not allowed on {path}"),
    "min_confidence_range": N_("--min-confidence must be between 0 and 1, got {value}"),
    "multipart_field_too_large": N_("Field exceeded maximum size of {kb}KB."),
    "multipart_invalid": N_("Invalid multipart data."),
    "multipart_no_boundary": N_("Missing boundary in multipart."),
    "multipart_part_too_large": N_("Part exceeded maximum size of {kb}KB."),
    "new_indicator_invalid": N_("the new indicator is not valid: {problems}"),
    "no_sources": N_("name at least one file, URL or - (standard input), or a list with --from"),
    "no_such_asset": N_("no asset named {name}"),
    "not_a_directory": N_("{name}: is a file, not a directory"),
    "no_such_file": N_("{name}: no such file"),
    "no_such_id": N_("no {what} with id {id}"),
    "no_such_owner": N_("no commitment or indicator has the owner {slug}"),
    "no_such_indicator": N_("no indicator {slug!r}"),
    "no_such_indicator_slug": N_("no indicator with slug {slug!r}"),
    "no_such_language": N_("no UI language {code!r} (vi or en)"),
    "no_such_user": N_("no user named {name!r}"),
    "no_suggested_indicator": N_("no indicator suggested for mention {id}; name one"),
    "not_a_number": N_("{field}: not a number: {value!r}"),
    "not_an_admin": N_("{user} is not an admin"),
    "not_an_editor": N_("{user} is not an editor"),
    "not_commitment_id": N_("not a commitment id: {value!r}"),
    "owner_entry_invalid": N_(
        "{source}: owner #{n} ({owner}): needs name, name_en and a known kind, only known fields,"
        " and merged_into naming another owner"
    ),
    "owner_form_twice": N_("{source}: {form!r} names both {first} and {second}"),
    "owners_not_list": N_("{source}: the owners file needs an 'owners' list"),
    "not_pdf": N_("{name}: not a PDF (no %PDF- header)"),
    "nothing_at": N_("nothing at {path}"),
    "nothing_changed": N_("nothing changed"),
    "nothing_to_edit": N_("nothing to edit"),
    "over_limit": N_("{name}: {what} is over the {limit} limit"),
    "password_too_short": N_("the password must be at least {n} characters"),
    "password_wrong": N_("the current password is not right"),
    "passwords_differ": N_("the two new passwords are not the same"),
    "pasted_empty": N_("pasted text: text is empty"),
    "pasted_too_large": N_("pasted text: text is {size}, over the {limit} limit"),
    "publish_page_failed": N_("the static site could not copy {page}: the app answered HTTP {http}"),
    "pdf_encrypted": N_("{name}: PDF is password-protected"),
    "pdf_no_pages": N_("{name}: PDF has no pages"),
    "pdf_no_text_layer": N_("{name}: PDF has no text layer (scanned image?); run OCR first"),
    "pdf_split_letters": N_(
        "{name}: page {pages} of the PDF splits words into letters, so its figures cannot be read safely; export the report to PDF again or paste its text"
    ),
    "pdf_unreadable": N_("{name}: not a readable PDF (damaged or truncated)"),
    "period_reversed": N_("the period starts ({start}) after it ends ({end})"),
    "permission_denied": N_("{name}: permission denied"),
    "published_format": N_("the publication date must be YYYY-MM-DD, got {value!r}"),
    "publisher_required": N_("give the publisher whose reports the licence is for"),
    "range_reversed": N_("from must not be after to"),
    "report_imported_no_text": N_(
        "report {id} was made by an import from its quotes; there is no text to read again"
    ),
    "report_already_retracted": N_("report {id} was retracted already"),
    "report_no_original": N_("report {id} has no archived original (an import, or text stored before originals were kept)"),
    "report_no_text": N_("the report has no text"),
    "report_retracted": N_("report {id} was retracted: nothing in it can be accepted or read again"),
    "report_text_missing": N_("paste the report's text or choose a file"),
    "report_text_unstable": N_(
        "report {id}: its stored text changes when normalised again, so offsets would move; add it again instead"
    ),
    "report_undated": N_("report {id} has no publication date; give it first"),
    "report_url_missing": N_("give the address of the page to add"),
    "request_too_large": N_("the request is over the {limit} limit"),
    "response_bad_brotli": N_("{url}: response body is not valid brotli data"),
    "response_bad_compression": N_("{url}: response body is not valid compressed data"),
    "response_decompression_bomb": N_(
        "{url}: response decompresses to over the {limit} limit (decompression bomb?)"
    ),
    "response_over_limit": N_("{url}: response is over the {limit} limit"),
    "response_too_large": N_("{url}: response is {size}, over the {limit} limit"),
    "retract_reason_missing": N_("say why the report is retracted"),
    "server_error": N_("something went wrong on our side; it has been logged"),
    "sign_ins_locked": N_(
        "too many failed sign-ins for this {what}: try again in {minutes} minute{minutes:plural}"
    ),
    "sources_list_unreadable": N_("{name}: cannot read the list of sources ({reason})"),
    "stdin_alone": N_("- (standard input) can only be added on its own"),
    "table_json_invalid": N_("{name} is not valid JSON: {reason}"),
    "table_json_not_list": N_("{name}: expected a list of objects, one per observation source"),
    "table_missing_columns": N_("row {line}: missing column(s) {missing}; expected {expected}"),
    "table_not_utf8": N_("{name} is not UTF-8 text"),
    "table_quote_conflict": N_(
        "{name}: the quote {quote!r} of report {id} is already {state} for another value"
    ),
    "table_row_bad_date": N_("row {line}: {field} must be YYYY-MM-DD, got {value!r}"),
    "table_row_choice": N_("row {line}: {field} must be one of {choices}, got {value!r}"),
    "table_row_incomplete": N_("row {line}: indicator and value are required"),
    "table_row_not_finite": N_("row {line}: {field} must be a finite number"),
    "table_row_not_number": N_("row {line}: {field} must be a number, got {value!r}"),
    "table_row_undated": N_("row {line}: no date; give as_of, period_start/period_end or published_on"),
    "table_unknown_format": N_("unknown format for {name!r}: use a .csv, .xlsx or .json file"),
    "table_unreadable": N_("cannot read {path}: {reason}"),
    "table_xlsx_unreadable": N_("{name} is not a readable XLSX workbook: {reason}"),
    "text_has_nul": N_("the text contains a NUL character (\\0): it is binary, not text"),
    "too_large": N_("{name}: {what} is {size}, over the {limit} limit"),
    "unknown_encoding": N_(
        "{name}: cannot tell the text encoding (not UTF-8, UTF-16 or a known legacy encoding)"
    ),
    "unknown_kind": N_("kind must be figure or deadline, got {value!r}"),
    "unknown_role": N_("role must be one of {choices}, got {role!r}"),
    "unknown_status": N_("unknown status {value!r}; use one of {choices}"),
    "unreadable": N_("{name}: cannot read ({reason})"),
    "unstorable_value": N_(
        "the request has a value the database cannot use (a number out of range or a NUL character)"
    ),
    "url_invalid": N_("{url}: not a valid URL"),
    "url_no_host": N_("{url}: URL has no host"),
    "user_exists": N_("a user named {name!r} already exists"),
    "user_name_length": N_("a user name must be 1 to 120 characters"),
}

#: Code -> the CLI's hint, appended to the message (its own separator first).
HINTS: Final[dict[str, str]] = {
    "feed_address_blocked": N_("; add --allow-private to follow it anyway"),
    "mention_already_decided": N_(" (`chiso review reopen {id}`)"),
    "no_such_indicator": N_(" (see `chiso indicator list`)"),
    "no_such_indicator_slug": N_(" (see `chiso indicator list`)"),
    "no_suggested_indicator": N_(" (--indicator SLUG)"),
    "report_undated": N_(" (`chiso report date {id} YYYY-MM-DD`)"),
}

#: Words from closed lists that fill ``what``, ``state``, ``kind`` and ``status`` slots.
WORDS: Final[tuple[str, ...]] = (
    # what was read (chiso.ingest.files._what)
    NC_("word", "file"),
    NC_("word", "input"),
    NC_("word", "text"),
    NC_("word", "response"),
    # what was not found (chiso.store.lookups.WHAT)
    NC_("word", "report"),
    NC_("word", "mention"),
    NC_("word", "commitment"),
    NC_("word", "commitment event"),
    NC_("word", "indicator"),
    NC_("word", "observation"),
    NC_("word", "feed"),
    NC_("word", "token"),
    NC_("word", "user"),
    # what failed to sign in too often
    NC_("word", "account"),
    NC_("word", "address"),
    # a mention's state and kind
    NC_("word", "pending"),
    NC_("word", "accepted"),
    NC_("word", "rejected"),
    NC_("word", "figure"),
    NC_("word", "deadline"),
    # a commitment's status, an event's state
    NC_("word", "open"),
    NC_("word", "met"),
    NC_("word", "met_late"),
    NC_("word", "missed"),
    NC_("word", "dropped"),
    NC_("word", "confirmed"),
    # sizes and lists
    NC_("word", "bytes"),
    NC_("word", "or"),
)

#: The names the readers give input that is not a named file (``name`` slots).
NAMES: Final[tuple[str, ...]] = (NC_("name", "pasted text"), NC_("name", "stdin"))

#: Form and query fields a person can meet in a message (``field`` slots, problems' fields).
FIELDS: Final[tuple[str, ...]] = (
    NC_("field", "text"),
    NC_("field", "file"),
    NC_("field", "title"),
    NC_("field", "publisher"),
    NC_("field", "url"),
    NC_("field", "published"),
    NC_("field", "reason"),
    NC_("field", "name"),
    NC_("field", "password"),
    NC_("field", "next"),
    NC_("field", "indicator"),
    NC_("field", "commitment"),
    NC_("field", "reason"),
    NC_("field", "view"),
    NC_("field", "value"),
    NC_("field", "value_max"),
    NC_("field", "of_total"),
    NC_("field", "qualifier"),
    NC_("field", "unit"),
    NC_("field", "as_of"),
    NC_("field", "period_start"),
    NC_("field", "period_end"),
    NC_("field", "due_start"),
    NC_("field", "due_end"),
    NC_("field", "commitment_text"),
    NC_("field", "is_target"),
    NC_("field", "slug"),
    NC_("field", "name_vi"),
    NC_("field", "name_en"),
    NC_("field", "measure"),
    NC_("field", "programme"),
    NC_("field", "owner"),
    NC_("field", "status"),
    NC_("field", "kind"),
    NC_("field", "on"),
    NC_("field", "q"),
    NC_("field", "limit"),
    NC_("field", "offset"),
    NC_("field", "licence"),
    NC_("field", "description"),
    NC_("field", "description_vi"),
    NC_("field", "short_unit"),
    NC_("field", "decimals"),
)

#: How a language writes a time (``when`` slots) from its parts.
WHEN_FORMAT: Final = NC_("format", "{year}-{month}-{day} {clock}")

#: Pydantic's error type -> its message as a template over the error's context. The English
#: is Pydantic's wording for reference: English shows Pydantic's own message (its plurals).
PYDANTIC: Final[dict[str, str]] = {
    "missing": N_("Field required"),
    "string_too_long": N_("String should have at most {max_length} characters"),
    "string_too_short": N_("String should have at least {min_length} characters"),
    "string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "greater_than": N_("Input should be greater than {gt}"),
    "less_than": N_("Input should be less than {lt}"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_type": N_("Input should be a valid integer"),
    "float_parsing": N_("Input should be a valid number, unable to parse string as a number"),
    "float_type": N_("Input should be a valid number"),
    "date_from_datetime_parsing": N_("Input should be a valid date or datetime, {error}"),
    "date_parsing": N_("Input should be a valid date in the format YYYY-MM-DD, {error}"),
    "date_type": N_("Input should be a valid date"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "literal_error": N_("Input should be {expected}"),
    "enum": N_("Input should be {expected}"),
}

#: Locations Pydantic and FastAPI put before a field's name.
_NOT_FIELDS: Final = ("body", "query")


def validation_problems(errors: Iterable[Mapping[str, Any]]) -> list[dict[str, Param]]:
    """Pydantic's errors (``exc.errors()``) as a ``problems`` parameter: field, type, message, context."""
    out: list[dict[str, Param]] = []
    for e in errors:
        field = ".".join(str(x) for x in e.get("loc", ()) if x not in _NOT_FIELDS)
        ctx = e.get("ctx") or {}
        out.append(
            {
                "field": field,
                "type": str(e.get("type", "")),
                "msg": str(e.get("msg", "invalid")),
                "ctx": {str(k): v if isinstance(v, int | float) else str(v) for k, v in ctx.items()},
            }
        )
    return out


@lru_cache(maxsize=8)
def translations(lang: str) -> gettext.NullTranslations:
    """The ``errors`` catalogue of ``lang`` through :mod:`chiso.i18n`'s loader (English: none)."""
    known = i18n.as_lang(lang)
    return gettext.NullTranslations() if known is None else i18n.translations(known, DOMAIN)


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "plural":
            return "" if value == 1 else "s"
        return str(super().format_field(value, format_spec))


_FORMATTER: Final = _Formatter()
_OPTIONAL = re.compile(r"\[([^\[\]]*\{[^\[\]]*\}[^\[\]]*)\]")


def _fill(template: str, values: Mapping[str, Any]) -> str:
    def optional(m: re.Match[str]) -> str:
        names = [f for _, f, _, _ in _FORMATTER.parse(m.group(1)) if f]
        return m.group(1) if all(values.get(n) is not None for n in names) else ""

    return _FORMATTER.vformat(_OPTIONAL.sub(optional, template), (), values)


def _size(text: str, lang: str, tr: gettext.NullTranslations) -> str:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    number, _, unit = text.partition(" ")
    group, decimal = get_group_symbol(lang), get_decimal_symbol(lang)
    digits = "".join(group if ch == "," else decimal if ch == "." else ch for ch in number)
    return f"{digits} {tr.pgettext('word', unit)}" if unit else digits


def _when(text: str, tr: gettext.NullTranslations) -> str:
    day, _, clock = text.partition(" ")
    parts = day.split("-")
    if len(parts) != 3:
        return text
    year, month, dd = parts
    return tr.pgettext("format", WHEN_FORMAT).format(year=year, month=month, day=dd, clock=clock)


def _problem(p: Param, tr: gettext.NullTranslations) -> str:
    if not isinstance(p, dict):
        return str(p)
    msg = str(p.get("msg", ""))
    template = PYDANTIC.get(str(p.get("type", "")))
    translated = tr.gettext(template) if template is not None else None
    if translated is not None and translated != template:
        ctx = p.get("ctx")
        values = dict(ctx) if isinstance(ctx, dict) else {}
        if isinstance(values.get("expected"), str):
            values["expected"] = str(values["expected"]).replace(" or ", f" {tr.pgettext('word', 'or')} ")
        with contextlib.suppress(KeyError, IndexError, ValueError):
            msg = _fill(translated, values)
    field = p.get("field")
    return f"{tr.pgettext('field', str(field))}: {msg}" if field else msg


def _shown(name: str, value: Param, lang: str, tr: gettext.NullTranslations) -> Param:
    if name == "problems" and isinstance(value, list):
        return "; ".join(_problem(p, tr) for p in value) or "invalid"
    if not isinstance(value, str):
        return value
    if name in ("what", "state", "kind", "status"):
        return tr.pgettext("word", value)
    if name == "name":
        return tr.pgettext("name", value)
    if name == "field":
        return tr.pgettext("field", value)
    if name in ("size", "limit"):
        return _size(value, lang, tr)
    if name == "when":
        return _when(value, tr)
    return value


def render(code: str, params: Mapping[str, Param], lang: str, *, hint: bool = True) -> str:
    """The message of ``code`` with ``params`` in ``lang``, on one line."""
    template = MESSAGES.get(code)
    if template is None:  # never raised by chiso (tests/test_error_codes.py): say what we know
        return " ".join([code, *(f"{k}={v!r}" for k, v in params.items())])
    tr = translations(lang)
    values = {k: _shown(k, v, lang, tr) for k, v in params.items()}
    parts = [(tr.gettext(template), template)]
    if hint and code in HINTS:
        parts.append((tr.gettext(HINTS[code]), HINTS[code]))
    out: list[str] = []
    for translated, english in parts:
        try:
            out.append(_fill(translated, values))
        except (KeyError, IndexError, ValueError):  # a translation naming a slot the code lacks
            try:
                out.append(_fill(english, params))
            except (KeyError, IndexError, ValueError):  # a raise site short of a parameter
                return " ".join([code, *(f"{k}={v!r}" for k, v in params.items())])
    return " ".join("".join(out).split())


__all__ = [
    "DOMAIN",
    "FIELDS",
    "HINTS",
    "LOCALE_DIR",
    "MESSAGES",
    "NAMES",
    "NC_",
    "N_",
    "PYDANTIC",
    "WHEN_FORMAT",
    "WORDS",
    "Param",
    "render",
    "translations",
    "validation_problems",
]
