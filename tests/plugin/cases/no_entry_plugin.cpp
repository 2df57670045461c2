// test_no_entry: carries a valid manifest section but exports no
// merit_plugin_entry, as a library built without MERIT_PLUGIN would.
extern "C" __attribute__((visibility("hidden"))) int merit_test_no_entry_marker() {
    return 1;
}
