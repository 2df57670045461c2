// test_silent: written against the bare C ABI (no C++ layer) to fail the way
// only a hand-written plugin can: an error status, or a NULL instance, with
// no message recorded through set_error().
#include <merit/plugin.h>

namespace {

int g_instance = 0;

void* create_ok(merit_context*, const merit_value*) {
    return &g_instance;
}
void* create_null(merit_context*, const merit_value*) {
    return nullptr;
}
merit_status compute_fails(void*, merit_context*, const merit_scope*, double*, unsigned char*) {
    return MERIT_ERROR;
}
void destroy_nothing(void*) {}

const merit_indicator_provider kQuiet = {sizeof(merit_indicator_provider), "quiet", &create_ok,
                                         &compute_fails, &destroy_nothing};
const merit_indicator_provider kNullCreate = {sizeof(merit_indicator_provider), "null_create", &create_null,
                                              &compute_fails, &destroy_nothing};
const merit_indicator_provider* const kProviders[] = {&kQuiet, &kNullCreate};

const merit_plugin kPlugin = {sizeof(merit_plugin),
                              MERIT_API_MAJOR,
                              MERIT_API_MINOR,
                              "test_silent",
                              "1.0.0",
                              2,
                              kProviders,
                              0,
                              nullptr,
                              0,
                              nullptr};

}  // namespace

extern "C" MERIT_EXPORT const merit_plugin* merit_plugin_entry(const merit_host_api* host) {
    return host && host->api_major == MERIT_API_MAJOR ? &kPlugin : nullptr;
}
