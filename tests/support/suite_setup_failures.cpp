// A test suite whose SetUpTestSuite() fails has its tests reported as
// "[  SKIPPED ]" by GoogleTest, and ctest (gtest_discover_tests marks
// "[  SKIPPED ]" output as skipped, whatever the exit status) then counts a
// broken fixture as no failure at all. This wraps the default printer: a
// test skipped because its suite's set-up failed is printed as FAILED with
// the set-up's failure, and the program exits 1 there, before GoogleTest
// can print a "[  SKIPPED ]" line, so CI goes red instead of quietly
// skipping. Linked into every test executable (tests/support).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {

class SuiteSetUpFailuresAreFailures : public ::testing::EmptyTestEventListener {
public:
    explicit SuiteSetUpFailuresAreFailures(::testing::TestEventListener* printer) : printer_(printer) {}

    void OnTestProgramStart(const ::testing::UnitTest& u) override { printer_->OnTestProgramStart(u); }
    void OnTestIterationStart(const ::testing::UnitTest& u, int i) override {
        printer_->OnTestIterationStart(u, i);
    }
    void OnEnvironmentsSetUpStart(const ::testing::UnitTest& u) override {
        printer_->OnEnvironmentsSetUpStart(u);
    }
    void OnEnvironmentsSetUpEnd(const ::testing::UnitTest& u) override {
        printer_->OnEnvironmentsSetUpEnd(u);
    }
    void OnTestSuiteStart(const ::testing::TestSuite& s) override { printer_->OnTestSuiteStart(s); }
    void OnTestStart(const ::testing::TestInfo& t) override { printer_->OnTestStart(t); }
    void OnTestPartResult(const ::testing::TestPartResult& r) override { printer_->OnTestPartResult(r); }
    void OnTestEnd(const ::testing::TestInfo& t) override {
        const ::testing::TestSuite* suite = ::testing::UnitTest::GetInstance()->current_test_suite();
        if (t.result()->Skipped() && suite && suite->ad_hoc_test_result().Failed()) {
            printf("[  FAILED  ] %s.%s: not run, because the suite's SetUpTestSuite() failed:\n",
                   t.test_suite_name(), t.name());
            const ::testing::TestResult& setup = suite->ad_hoc_test_result();
            for (int i = 0; i < setup.total_part_count(); ++i)
                if (setup.GetTestPartResult(i).failed()) printf("%s\n", setup.GetTestPartResult(i).message());
            fflush(stdout);
            std::_Exit(1);
        }
        printer_->OnTestEnd(t);
    }
    void OnTestSuiteEnd(const ::testing::TestSuite& s) override { printer_->OnTestSuiteEnd(s); }
    void OnEnvironmentsTearDownStart(const ::testing::UnitTest& u) override {
        printer_->OnEnvironmentsTearDownStart(u);
    }
    void OnEnvironmentsTearDownEnd(const ::testing::UnitTest& u) override {
        printer_->OnEnvironmentsTearDownEnd(u);
    }
    void OnTestIterationEnd(const ::testing::UnitTest& u, int i) override {
        printer_->OnTestIterationEnd(u, i);
    }
    void OnTestProgramEnd(const ::testing::UnitTest& u) override { printer_->OnTestProgramEnd(u); }

private:
    std::unique_ptr<::testing::TestEventListener> printer_;
};

// Installed before main(): the default printer exists from the first
// UnitTest::GetInstance(), and gtest_main only adds to what is there.
const bool installed = [] {
    ::testing::TestEventListeners& listeners = ::testing::UnitTest::GetInstance()->listeners();
    ::testing::TestEventListener* printer = listeners.Release(listeners.default_result_printer());
    if (printer) listeners.Append(new SuiteSetUpFailuresAreFailures(printer));
    return true;
}();

}  // namespace
