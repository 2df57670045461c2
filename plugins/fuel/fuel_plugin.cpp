// The fuel wholesale (成品油批发) plugin: rules of seed 002 篇10, see
// plugin.json for every component and parameter.
#include "components.hpp"

MERIT_PLUGIN("fuel", "1.0.0") {
    plugin.provider<fuel::MonthlyVolume>("monthly_volume");
    plugin.provider<fuel::TaskCompletion>("task_completion");
    plugin.provider<fuel::PreviousYearVolume>("previous_year_volume");
    plugin.provider<fuel::TrainingPoints>("training_points");
    plugin.provider<fuel::ReportCompliance>("report_compliance");
    plugin.provider<fuel::AuditFindings>("audit_findings");
    plugin.reward<fuel::SalesCommission>("sales_commission");
    plugin.reward<fuel::BasePay>("base_pay");
    plugin.reward<fuel::Grading>("grading");
}
