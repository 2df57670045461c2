// The tobacco plugin (烟草公司): customer managers serving licensed cigarette
// retailers, market managers supervising them with the "1234" method, and
// the pay rules that follow. Built against the SDK alone.
#include <merit/plugin.hpp>

#include "components.hpp"

MERIT_PLUGIN("tobacco", "1.0.0") {
    plugin.provider<tobacco::VisitCompletion>("visit_completion");
    plugin.provider<tobacco::ForecastAccuracy>("forecast_accuracy");
    plugin.provider<tobacco::SampleCoverage>("sample_coverage");
    plugin.provider<tobacco::PhoneCheckPassRate>("phone_check_pass_rate");
    plugin.provider<tobacco::WorkTraceScore>("work_trace_score");
    plugin.provider<tobacco::ContactsPerHundred>("contacts_per_hundred");
    plugin.provider<tobacco::OrderStructure>("order_structure");
    plugin.provider<tobacco::Method1234>("method_1234");
    plugin.provider<tobacco::SupervisedAverage>("supervised_average");
    plugin.reward<tobacco::PerformancePay>("performance_pay");
    plugin.reward<tobacco::DisciplineDeductions>("discipline_deductions");
    plugin.reward<tobacco::QuarterlyRecognition>("quarterly_recognition");
}
