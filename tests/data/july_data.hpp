// The July 2026 data set of the data service tests, imported through the
// CSV importer: four managers (M4 a risk manager), three customers, a
// mid-month reassignment, shared customers, gaps between balances.
#pragma once

#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"

namespace merit::testing {

inline void write_july_data(ScratchWorkspace& s) {
    s.write("org_units.csv", "id,name\nB1,Branch\n");
    s.write("managers.csv",
            "id,name,org_unit_id,role\nM1,Wang,B1,\nM2,Li,B1,\nM3,Zhao,B1,\nM4,Qian,B1,risk_manager\n");
    s.write("customers.csv", "id,segment\nC1,vip\nC2,retail\nC3,retail\n");
    // C1 moves from M1 to M2 in the middle of July (M1's last day is the
    // 15th); C2 is shared 0.6 / 0.4; C3 is shared by three managers; M4
    // co-signs C1 as risk manager.
    s.write("assignments.csv",
            "customer_id,manager_id,share,role,valid_from,valid_to\n"
            "C1,M1,1,owner,,2026-07-15\n"
            "C1,M2,1,owner,2026-07-16,\n"
            "C2,M1,0.6,owner,,\n"
            "C2,M3,0.4,co_owner,,\n"
            "C3,M1,0.5,owner,2026-01-01,\n"
            "C3,M2,0.3,co_owner,2026-01-01,\n"
            "C3,M3,0.2,co_owner,2026-01-01,\n"
            "C1,M4,1,risk,2026-01-01,\n");
    s.write("metrics.csv", "metric,kind\ndeposit,stock\nloans,flow\nfee,flow\n");
    s.write("facts.csv",
            "entity,entity_id,metric,date,value\n"
            // C1 deposit: April-end 80, mid-May 300, 20 June 100, then
            // 5 July 200 and 20 July 50 (gaps between).
            "customer,C1,deposit,2026-04-30,80\n"
            "customer,C1,deposit,2026-05-15,300\n"
            "customer,C1,deposit,2026-06-20,100\n"
            "customer,C1,deposit,2026-07-05,200\n"
            "customer,C1,deposit,2026-07-20,50\n"
            // C2 deposit: no value before 11 July.
            "customer,C2,deposit,2026-07-11,310\n"
            // Loans (flows): one outside the period.
            "customer,C1,loans,2026-06-30,999\n"
            "customer,C1,loans,2026-07-10,1000\n"
            "customer,C1,loans,2026-07-16,500\n"
            "customer,C2,loans,2026-07-31,100\n"
            "customer,C3,loans,2026-07-02,1000\n"
            // Fees: one customer fee, two booked on the manager.
            "customer,C2,fee,2026-07-02,10\n"
            "manager,M1,fee,2026-07-05,3\n"
            "manager,M1,fee,2026-07-20,4\n");
    s.write("events.csv",
            "manager_id,kind,date,quantity,amount,note\n"
            "M1,visit,2026-07-01,,,\n"
            "M1,visit,2026-07-02,3,,\n"
            "M1,complaint,2026-07-03,,50.5,\n"
            "M2,visit,2026-08-01,,,\n");
    s.write("targets.csv",
            "manager_id,indicator,period,value\nM1,deposit_avg,2026-Q3,500\nM2,deposit_avg,2026-07,90\n");
    s.write("ratings.csv",
            "manager_id,period,rater_role,item,score,rater_id\n"
            "M1,2026-07,supervisor,attitude,95,S1\n"
            "M1,2026-07,peer,attitude,90,P1\n"
            "M1,2026-07,peer,attitude,70,P2\n"
            "M1,2026-07,peer,skill,60,P1\n");
    import_directory(s.ws(), s.dir(), {});
}

}  // namespace merit::testing
