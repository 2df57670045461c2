/*
 * merit/plugin.h — the C ABI between the Merit host and its plugins.
 *
 * Stability rules (read before changing anything here):
 *   - Structs that cross the boundary begin with `struct_size`. New fields are
 *     only ever appended; a reader checks `struct_size` before touching a field
 *     that a newer version added.
 *   - `merit_host_api` only grows at its end. A minor version bump adds
 *     functions; a major bump is the only way to change or remove one.
 *   - Nothing but plain C types crosses: no C++ types, no exceptions. Strings
 *     are UTF-8 `const char*`, valid for the duration of the call that passed
 *     them unless stated otherwise. Memory is freed by the side that
 *     allocated it.
 *   - Every column is ordered like `merit_scope.manager_ids`: row i is the
 *     manager at index i. Outputs are caller-allocated arrays of `count`
 *     entries; `valid[i] == 0` means "no value" (null).
 *   - Guard rails: the host refuses what no rule can mean and fails the run
 *     naming the component and manager, storing nothing: an indicator value
 *     or score that is NaN or infinite, a score outside 0..1000, a pay line
 *     beyond +-10^13 fen (merit/money.hpp kMaxPayLineFen), and an indicator
 *     row left unwritten. Before `compute` the host sets every valid[i] to
 *     MERIT_VALID_UNWRITTEN; a provider writes 1 (value) or 0 (deliberate
 *     null) for every row. The C++ SDK (merit/plugin.hpp) writes 0 for every
 *     row before calling your compute, so there a row you never `set` is a
 *     deliberate null.
 *
 * A plugin exports exactly one symbol, MERIT_ENTRY_SYMBOL, of type
 * `merit_plugin_entry_fn`, and embeds a JSON manifest in the ELF section
 * MERIT_MANIFEST_SECTION so that the host can read and check it without
 * running any plugin code. The C++ layer in merit/plugin.hpp and the CMake
 * helper `merit_add_plugin()` do both for you.
 */
#ifndef MERIT_PLUGIN_H
#define MERIT_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The API version this header describes. A host of version H loads a plugin
 * built for version P when H.major == P.major and H.minor >= P.minor. */
#define MERIT_API_MAJOR 1
#define MERIT_API_MINOR 1

/* The lowest host minor this plugin needs: what it stamps into
 * merit_plugin.api_minor (and its manifest's "api"). A plugin that calls no
 * 1.1 service leaves it at 0 and loads on every 1.x host; one that does
 * defines MERIT_REQUIRES_HOST_MINOR 1 before including this header. */
#ifndef MERIT_REQUIRES_HOST_MINOR
#define MERIT_REQUIRES_HOST_MINOR 0
#endif

#define MERIT_ENTRY_SYMBOL "merit_plugin_entry"
#define MERIT_MANIFEST_SECTION ".merit_manifest"

#if defined(__GNUC__)
#define MERIT_EXPORT __attribute__((visibility("default")))
#else
#define MERIT_EXPORT
#endif

/* What the host writes into every valid[i] of an indicator's output before
 * `compute`: "not written yet". Left there, it fails the run. */
#define MERIT_VALID_UNWRITTEN 0xFF

typedef enum merit_status {
    MERIT_OK = 0,
    MERIT_ERROR = 1 /* details were passed to host->set_error() */
} merit_status;

typedef enum merit_log_level {
    MERIT_LOG_TRACE = 0,
    MERIT_LOG_DEBUG = 1,
    MERIT_LOG_INFO = 2,
    MERIT_LOG_WARN = 3,
    MERIT_LOG_ERROR = 4
} merit_log_level;

/* One call's context, owned by the host: it knows the plugin, the component,
 * the run and where errors and trace lines go. Never stored by a plugin beyond
 * the call that received it. */
typedef struct merit_context merit_context;

/* ---------------------------------------------------------------------------
 * Values: component parameters (from the scheme) and SQL rows are passed as a
 * read-only tree owned by the host, valid for the duration of the call.
 *
 * merit_value is frozen for every 1.x version: it is laid out in arrays, so it
 * carries no struct_size and can never grow. New value kinds would need 2.0;
 * a plugin built against 1.0 may rely on this exact layout.
 * ------------------------------------------------------------------------- */
typedef enum merit_value_kind {
    MERIT_VALUE_NULL = 0,
    MERIT_VALUE_BOOL = 1,
    MERIT_VALUE_NUMBER = 2,
    MERIT_VALUE_STRING = 3,
    MERIT_VALUE_ARRAY = 4,
    MERIT_VALUE_OBJECT = 5
} merit_value_kind;

typedef struct merit_value {
    merit_value_kind kind;
    int boolean;        /* MERIT_VALUE_BOOL */
    double number;      /* MERIT_VALUE_NUMBER */
    const char* string; /* MERIT_VALUE_STRING (UTF-8, NUL-terminated) */
    size_t count;       /* ARRAY and OBJECT: number of items */
    const struct merit_value* items;
    const char* const* keys; /* OBJECT: keys[i] names items[i]; NULL for ARRAY */
} merit_value;

/* ---------------------------------------------------------------------------
 * Scope: the managers evaluated in one run, in the host's deterministic order
 * (by manager id). Every column a component reads or writes follows it.
 * ------------------------------------------------------------------------- */
typedef struct merit_scope {
    size_t struct_size;
    size_t count;
    const char* const* manager_ids;
    const char* const* org_unit_ids;
    const char* const* roles;    /* customer_manager, risk_manager, market_manager ... */
    const char* const* grades;   /* "" when not set */
    const char* const* hired_on; /* YYYY-MM-DD, "" when not known */
    const char* const* statuses; /* active, probation, left */
    const char* period;          /* canonical text of the run's period, e.g. "2026-Q3" */
    const char* first_day;       /* YYYY-MM-DD, first day of the period */
    const char* last_day;        /* YYYY-MM-DD, last day of the period (inclusive) */
} merit_scope;

/* ---------------------------------------------------------------------------
 * Data services (host-implemented, batch over the whole scope).
 * ------------------------------------------------------------------------- */
typedef enum merit_aggregation {
    MERIT_AGG_SUM = 0,       /* flows: sum of values dated inside the period */
    MERIT_AGG_END = 1,       /* stocks: balance at the end of the period's last day */
    MERIT_AGG_DAILY_AVG = 2, /* stocks: mean of the daily balances, carried forward */
    MERIT_AGG_XUN_AVG = 3,   /* stocks: mean of the 旬 (10-day) averages in the period */
    MERIT_AGG_MAX_END = 4,   /* stocks: highest month-end balance before the period */
    MERIT_AGG_COUNT = 5      /* number of fact rows dated inside the period */
} merit_aggregation;

typedef enum merit_fact_source {
    MERIT_SOURCE_CUSTOMERS = 0, /* customer facts attributed through assignments */
    MERIT_SOURCE_MANAGER = 1,   /* facts recorded directly against the manager */
    MERIT_SOURCE_BOTH = 2       /* the sum of both */
} merit_fact_source;

typedef struct merit_fact_query {
    size_t struct_size;
    const char* metric; /* metric name, as in facts.csv */
    merit_aggregation aggregation;
    merit_fact_source source;
    const char* period;          /* NULL: the run's period; else any period text */
    const char* segment;         /* NULL: all customers; else comma-separated segments */
    const char* assignment_role; /* NULL: owner and co_owner; else one role, e.g. "risk" */
    int use_shares;              /* non-zero: weight customer facts by assignment share */
} merit_fact_query;

typedef enum merit_event_measure {
    MERIT_EVENT_COUNT = 0,    /* number of records */
    MERIT_EVENT_QUANTITY = 1, /* sum of quantity (default 1) */
    MERIT_EVENT_AMOUNT = 2    /* sum of amount */
} merit_event_measure;

typedef struct merit_event_query {
    size_t struct_size;
    const char* kind; /* event kind; NULL: every kind */
    merit_event_measure measure;
    const char* period; /* NULL: the run's period */
} merit_event_query;

/* Called once per customer by customer_values (1.1); return non-zero to stop. */
typedef int (*merit_customer_value_fn)(void* user, const char* customer_id, double value);

/* Rows of the 1.1 detail services (event_rows, organisation,
 * customer_holdings). Each begins with struct_size and only grows at its
 * end; its strings are valid during the callback, never NULL ("" where the
 * data has none). A callback returns non-zero to stop the reading. */
typedef struct merit_event_row {
    size_t struct_size;
    const char* manager_id;
    const char* date; /* YYYY-MM-DD */
    const char* ref;  /* the source's reference, "" when it gave none */
    const char* note;
    double quantity; /* 1 unless the source said otherwise */
    double amount;   /* 0 when has_amount is 0 */
    int has_amount;
} merit_event_row;
typedef int (*merit_event_row_fn)(void* user, const merit_event_row* row);

typedef struct merit_org_unit_row {
    size_t struct_size;
    const char* id;
    const char* name;
    const char* parent_id; /* "" for a root */
    const char* kind;      /* "branch", "district" ...; "" when none */
} merit_org_unit_row;
typedef int (*merit_org_unit_fn)(void* user, const merit_org_unit_row* unit);

/* A manager as of the day asked: unit, role, grade and status from the term
 * valid that day (the latest starting on or before it, else the first), as
 * a run's scope reads them. */
typedef struct merit_org_manager_row {
    size_t struct_size;
    const char* id;
    const char* name;
    const char* org_unit_id;
    const char* role;
    const char* grade;
    const char* status;   /* "active", "probation", "left" ... */
    const char* hired_on; /* YYYY-MM-DD, "" when not known */
} merit_org_manager_row;
typedef int (*merit_org_manager_fn)(void* user, const merit_org_manager_row* manager);

/* One dated assignment of a customer to a manager, clipped to a window. */
typedef struct merit_holding_row {
    size_t struct_size;
    const char* customer_id;
    const char* manager_id;
    const char* role;      /* "owner", "co_owner" ... */
    double share;          /* 0 < share <= 1 */
    const char* segment;   /* the customer's, "" when none */
    const char* first_day; /* the first day of the window it held (YYYY-MM-DD) */
    const char* last_day;  /* ... and the last, inclusive */
    double value;          /* the sum of the metric's facts of the customer
                            * dated first_day..last_day (0 without metric) */
    size_t fact_count;     /* how many facts that sum has */
} merit_holding_row;
typedef int (*merit_holding_fn)(void* user, const merit_holding_row* holding);

/* Called once per customer fact by customer_facts (1.1). */
typedef int (*merit_customer_fact_fn)(void* user, const char* customer_id, const char* date, double value);

/* Called once per row of a read-only SQL query; return non-zero to stop. */
typedef int (*merit_row_fn)(void* user, size_t column_count, const char* const* column_names,
                            const merit_value* columns);

/* ---------------------------------------------------------------------------
 * The host-services table. Passed to the entry point; valid while the plugin
 * is loaded. ONLY GROWS AT ITS END.
 * ------------------------------------------------------------------------- */
typedef struct merit_host_api {
    size_t struct_size;
    uint16_t api_major;
    uint16_t api_minor;

    /* --- 1.0: basics --- */
    /* Log a line; the host tags it with the plugin and component. */
    void (*log)(merit_context* ctx, merit_log_level level, const char* message);
    /* Record why the current call fails; the host copies the text. Return
     * MERIT_ERROR (or NULL from create) afterwards. */
    void (*set_error)(merit_context* ctx, const char* message);
    void* (*alloc)(size_t size);
    void (*free)(void* pointer);

    /* --- 1.0: explain trace --- */
    /* Attach a named input column to this component's explanation (shown by
     * `merit explain` for every manager). `valid` may be NULL (all valid). */
    void (*trace_column)(merit_context* ctx, const char* name, const double* values,
                         const unsigned char* valid);
    /* Attach a free-text line to one manager's explanation. */
    void (*trace_note)(merit_context* ctx, size_t row, const char* text);

    /* --- 1.0: period arithmetic --- */
    /* Writes the period `offset` periods of the same kind away from `period`
     * (offset -1: the previous one), or the same period a year earlier when
     * `year_ago` is non-zero and offset is 0. Also fills first/last day when
     * those buffers are non-NULL (11 bytes each). */
    merit_status (*period_shift)(merit_context* ctx, const char* period, int offset, int year_ago, char* out,
                                 size_t out_size, char* first_day, char* last_day);

    /* --- 1.0: data services (columns over the scope) --- */
    /* One metric aggregated for every manager in scope, in one pass.
     * Customer facts reach a manager through assignments whose role matches
     * (NULL: owner and co_owner), whose customer is in `segment` (when set),
     * and whose validity window [valid_from, valid_to] (both inclusive;
     * open-ended when valid_to is empty) holds the day concerned, weighted
     * by the share when `use_shares`. A balance (stock) holds from its date
     * until the next value; before the first value it is 0.
     *   SUM / COUNT: facts dated inside the period, each counted for the
     *     windows holding its date;
     *   END: the balance on the period's last day, for the windows holding it;
     *   DAILY_AVG: sum over the period's days of balance / day count, each day
     *     counted only for the windows holding it (a reassignment mid-period
     *     splits the average);
     *   XUN_AVG: mean of the 旬 daily averages (a day of a 旬 with n days
     *     weighs 1 / (n * number of 旬));
     *   MAX_END: the highest month-end balance over the month ends strictly
     *     before the period, each attributed like END.
     * valid[i] = 0 (and out[i] = 0) when no fact reached manager i: no row
     * for SUM, no known balance on an attributed day for END / DAILY_AVG /
     * XUN_AVG, no attributed month end for MAX_END. COUNT is always valid. */
    merit_status (*fact_aggregate)(merit_context* ctx, const merit_scope* scope,
                                   const merit_fact_query* query, double* out, unsigned char* valid);
    /* events.csv rows dated inside the period (NULL: the run's) by kind.
     * Never null: a manager without events gets 0. */
    merit_status (*event_aggregate)(merit_context* ctx, const merit_scope* scope,
                                    const merit_event_query* query, double* out);
    /* targets.csv values for `indicator` in `period` (NULL: the run's; any
     * spelling of a period finds the canonical one). valid[i] = 0 when the
     * manager has no target. */
    merit_status (*target_values)(merit_context* ctx, const merit_scope* scope, const char* indicator,
                                  const char* period, double* out, unsigned char* valid);
    /* Mean rating score by rater role (NULL: all roles) and item (NULL: all),
     * over every rater, in `period` (NULL: the run's). valid[i] = 0 when the
     * manager has no matching rating. */
    merit_status (*rating_average)(merit_context* ctx, const merit_scope* scope, const char* rater_role,
                                   const char* item, const char* period, double* out, unsigned char* valid);
    /* Read-only SQL over the workspace with bound parameters (?1, ?2 ...).
     * Exactly one statement. Writing, schema changes, ATTACH/DETACH,
     * transactions, pragmas other than the schema-describing ones
     * (table_info, index_list ...), extension loading and file access are
     * refused. Whole-number parameters bind as integers. Cells arrive as
     * NULL, NUMBER or STRING (blobs as text), valid during the callback. */
    merit_status (*query)(merit_context* ctx, const char* sql, const merit_value* params, size_t param_count,
                          merit_row_fn on_row, void* user);

    /* --- 1.0: run services (inside an evaluation run) --- */
    /* A column computed earlier in this run: an indicator id for its value,
     * "score:<indicator>", "dimension:<dimension>", "total", "rank",
     * "rank_in_unit", "band_index" (0 = best band). */
    merit_status (*result_column)(merit_context* ctx, const char* name, double* out, unsigned char* valid);
    /* Text columns of this run: "rating" (band label). `out[i]` valid during
     * the call. */
    merit_status (*result_text)(merit_context* ctx, const char* name, const char** out);
    /* One line of pay for a manager, in integer fen, with the formula that
     * produced it written out for `merit explain`. */
    merit_status (*emit_pay)(merit_context* ctx, size_t row, const char* code, const char* label,
                             int64_t amount_fen, const char* basis);
    /* A non-monetary decision: "grade" -> "中级", "flag" -> "transfer" ... */
    merit_status (*emit_decision)(merit_context* ctx, size_t row, const char* kind, const char* value,
                                  const char* reason);
    /* State carried across runs of the same scheme: read returns what the
     * latest earlier run (by period) wrote under `key`; write stores this
     * run's value. Used for deferred balances, streaks, historical highs. */
    merit_status (*state_read)(merit_context* ctx, const char* key, double* out, unsigned char* valid);
    merit_status (*state_write)(merit_context* ctx, const char* key, const double* values,
                                const unsigned char* valid);

    /* --- 1.1: sized buffers ---
     * The 1.0 services above with the element count of every buffer the
     * host reads or writes. The host refuses a count that differs from the
     * scope's (data services) or the call's rows (run services and traces)
     * with one line naming the service and both counts, and touches no
     * buffer. A 1.1 host has them when struct_size reaches them; the C++ SDK
     * uses them whenever the host does. */
    void (*trace_column_n)(merit_context* ctx, const char* name, const double* values,
                           const unsigned char* valid, size_t count);
    merit_status (*fact_aggregate_n)(merit_context* ctx, const merit_scope* scope,
                                     const merit_fact_query* query, double* out, unsigned char* valid,
                                     size_t count);
    merit_status (*event_aggregate_n)(merit_context* ctx, const merit_scope* scope,
                                      const merit_event_query* query, double* out, size_t count);
    merit_status (*target_values_n)(merit_context* ctx, const merit_scope* scope, const char* indicator,
                                    const char* period, double* out, unsigned char* valid, size_t count);
    merit_status (*rating_average_n)(merit_context* ctx, const merit_scope* scope, const char* rater_role,
                                     const char* item, const char* period, double* out, unsigned char* valid,
                                     size_t count);
    merit_status (*result_column_n)(merit_context* ctx, const char* name, double* out, unsigned char* valid,
                                    size_t count);
    merit_status (*result_text_n)(merit_context* ctx, const char* name, const char** out, size_t count);
    merit_status (*state_read_n)(merit_context* ctx, const char* key, double* out, unsigned char* valid,
                                 size_t count);
    merit_status (*state_write_n)(merit_context* ctx, const char* key, const double* values,
                                  const unsigned char* valid, size_t count);

    /* --- 1.1: results of other runs ---
     * The run read for a scheme (its id, as in the scheme file's "scheme")
     * and period is the run that counts: the final run no other final run
     * supersedes; while no run of that period is final, the newest draft.
     * Every read is recorded in the reading run's explanation (a trace
     * column naming the run, its standing and the column), so it is part of
     * the run's record digest and shown by `merit explain`.
     *
     * run_latest: the period (canonical text) of the latest such run of
     * `scheme` whose period begins on or before `on_or_before` (YYYY-MM-DD);
     * "" when there is none. */
    merit_status (*run_latest)(merit_context* ctx, const char* scheme, const char* on_or_before,
                               char* period_out, size_t period_out_size);
    /* One result column of that run: "total", "base_total", "rank",
     * "rank_in_unit", "band_index", "pay_total" (fen, as result_column
     * gives it), or an indicator or input id (its value). Row i is
     * manager_ids[i], or the call's manager i when manager_ids is NULL (then
     * count must be the call's rows); a manager the run did not evaluate
     * gets valid 0. Fails when no run of the scheme and period exists. */
    merit_status (*run_column)(merit_context* ctx, const char* scheme, const char* period, const char* column,
                               const char* const* manager_ids, double* out, unsigned char* valid,
                               size_t count);
    /* A text column of that run, rows as in run_column: "rating" (band
     * label) or "decision:<kind>" (the manager's last decision of that
     * kind); NULL where the manager has none. `out[i]` stays valid until the
     * current call returns. */
    merit_status (*run_text)(merit_context* ctx, const char* scheme, const char* period, const char* column,
                             const char* const* manager_ids, const char** out, size_t count);

    /* --- 1.1: per-customer detail ---
     * Each customer's latest customer fact of `metric` dated on or before
     * `day` (YYYY-MM-DD): for a stock, its balance that day. One call of
     * on_value per customer that has such a fact, in customer-id (byte)
     * order; the customer id is valid during the call. What a rule over
     * the customers of a portfolio reads instead of SQL (the host runs it
     * in its backend's own dialect). */
    merit_status (*customer_values)(merit_context* ctx, const char* metric, const char* day,
                                    merit_customer_value_fn on_value, void* user);

    /* --- 1.1: detail services ---
     * What the shipped rules read instead of SQL. Dates are YYYY-MM-DD; a
     * window is first_day..last_day inclusive, and where NULL is allowed it
     * leaves that end open. Anything else is refused with one line naming
     * the service and the argument.
     *
     * event_rows: every event of `kind` dated in the window, in (manager,
     * date, ref) order, of every manager (not only the call's scope). */
    merit_status (*event_rows)(merit_context* ctx, const char* kind, const char* first_day,
                               const char* last_day, merit_event_row_fn on_row, void* user);
    /* organisation: the org units in id order, then the managers in id
     * order, as of `day`; either callback may be NULL. Who supervises whom
     * follows the tree (a unit's managers and every unit below it). */
    merit_status (*organisation)(merit_context* ctx, const char* day, merit_org_unit_fn on_unit,
                                 merit_org_manager_fn on_manager, void* user);
    /* customer_holdings: every assignment of `assignment_role` (NULL: owner
     * and co_owner, the portfolio) valid on a day of the window (both ends
     * required), clipped to it, in (manager, customer, valid_from, role)
     * order; with a `metric` each carries the sum of the customer's facts
     * of it dated on the days it held, so a fact counts for whoever held the
     * customer on its date. NULL metric: no facts read. */
    merit_status (*customer_holdings)(merit_context* ctx, const char* metric, const char* first_day,
                                      const char* last_day, const char* assignment_role,
                                      merit_holding_fn on_holding, void* user);
    /* customer_facts: every customer fact of `metric` dated in the window,
     * in (customer, date) order, whoever held the customer. */
    merit_status (*customer_facts)(merit_context* ctx, const char* metric, const char* first_day,
                                   const char* last_day, merit_customer_fact_fn on_fact, void* user);
} merit_host_api;

/* Whether `api` (a merit_host_api*) provides `field`: a host of an older
 * minor ends its table before the fields a newer one appended. */
#define MERIT_HOST_HAS(api, field) \
    ((api)->struct_size >= offsetof(merit_host_api, field) + sizeof((api)->field) && (api)->field != NULL)

/* ---------------------------------------------------------------------------
 * Components. Each vtable begins with struct_size; `create` receives the
 * parameters the scheme gives (already checked against the manifest) and
 * returns an opaque instance, or NULL after set_error(). `destroy` frees it.
 * ------------------------------------------------------------------------- */
typedef struct merit_indicator_provider {
    size_t struct_size;
    const char* id; /* local id; the host qualifies it: "<plugin>.<id>" */
    void* (*create)(merit_context* ctx, const merit_value* params);
    /* Fill out[count] and valid[count] for every manager in scope. */
    merit_status (*compute)(void* instance, merit_context* ctx, const merit_scope* scope, double* out,
                            unsigned char* valid);
    void (*destroy)(void* instance);
} merit_indicator_provider;

typedef struct merit_score_input {
    size_t struct_size;
    size_t count;
    const double* values;
    const unsigned char* valid;
    const double* targets; /* NULL when the indicator has no target */
    const unsigned char* target_valid;
    const char* const* groups; /* group of each row (org unit by default) */
} merit_score_input;

typedef struct merit_scorer {
    size_t struct_size;
    const char* id;
    void* (*create)(merit_context* ctx, const merit_value* params);
    /* Scores on a 0..100 scale (a cap above 100 rewards over-achievement). */
    merit_status (*score)(void* instance, merit_context* ctx, const merit_score_input* input, double* out);
    void (*destroy)(void* instance);
} merit_scorer;

typedef struct merit_reward_calculator {
    size_t struct_size;
    const char* id;
    void* (*create)(merit_context* ctx, const merit_value* params);
    /* Reads result columns and data services, emits pay lines and decisions. */
    merit_status (*compute)(void* instance, merit_context* ctx, const merit_scope* scope);
    void (*destroy)(void* instance);
} merit_reward_calculator;

/* What the entry point returns: static data inside the plugin. */
typedef struct merit_plugin {
    size_t struct_size;
    uint16_t api_major; /* the API the plugin was built against */
    uint16_t api_minor; /* ... and the lowest host minor it needs */
    const char* id;     /* [a-z][a-z0-9_]*, equals the manifest's id */
    const char* version;
    size_t provider_count;
    const merit_indicator_provider* const* providers;
    size_t scorer_count;
    const merit_scorer* const* scorers;
    size_t reward_count;
    const merit_reward_calculator* const* rewards;
} merit_plugin;

/* The single exported function, called once after loading. It returns NULL
 * only when the plugin cannot work with `host` (say, a different major); the
 * host then refuses the plugin naming both versions. */
typedef const merit_plugin* (*merit_plugin_entry_fn)(const merit_host_api* host);

#ifdef __cplusplus
}
#endif

#endif /* MERIT_PLUGIN_H */
