// A small workspace for the 1.1 detail services (plugin.h event_rows,
// organisation, customer_holdings, customer_facts), with figures the tests
// work out by hand:
//   units      R (region) > D1, D2 (districts)
//   managers   MM market manager in R, hired 2020-01-01; C1 in D1, hired
//              2026-07-15; C2 in D1, moved to D2 and left from 2026-08-01
//   customers  K1 grocery, K2 (no segment), K3 tobacconist
//   assignments K1: C1 owner to 2026-07-15, C2 owner from 2026-07-16;
//              K2: C1 owner 0.6 and C2 co_owner 0.4 from 2026-07-01;
//              K3: C2 risk
//   complaints K1 1 on 07-10, 2 on 07-20, 5 on 08-01; K2 3 on 07-31; K3 4
//              on 07-05 (and a manager fact of C1, which is no customer's)
//   events     phone checks of C1: 3 and 2 (ref b) on 07-01, 1 (12.5 yuan)
//              on 07-02; of C2: 4 on 06-30; an inspection of D1 by MM
#pragma once

#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"

namespace merit::test {

inline void write_detail_workspace(merit::testing::ScratchWorkspace& s) {
    s.write("org_units.csv",
            "id,name,parent_id,kind\nR,Region,,region\nD1,District 1,R,district\nD2,District 2,R,district\n");
    s.write("managers.csv",
            "id,name,org_unit_id,role,hired_on,status\n"
            "MM,Ma,R,market_manager,2020-01-01,active\n"
            "C1,Chen,D1,customer_manager,2026-07-15,active\n"
            "C2,Du,D1,customer_manager,,active\n");
    s.write("customers.csv", "id,segment\nK1,grocery\nK2,\nK3,tobacconist\n");
    s.write("assignments.csv",
            "customer_id,manager_id,share,role,valid_from,valid_to\n"
            "K1,C1,1,owner,2026-01-01,2026-07-15\n"
            "K1,C2,1,owner,2026-07-16,\n"
            "K2,C1,0.6,owner,2026-07-01,\n"
            "K2,C2,0.4,co_owner,2026-07-01,\n"
            "K3,C2,1,risk,2026-01-01,\n");
    s.write("metrics.csv", "metric,kind\ncomplaint,flow\n");
    s.write("facts.csv",
            "entity,entity_id,metric,date,value\n"
            "customer,K1,complaint,2026-07-10,1\n"
            "customer,K1,complaint,2026-07-20,2\n"
            "customer,K1,complaint,2026-08-01,5\n"
            "customer,K2,complaint,2026-07-31,3\n"
            "customer,K3,complaint,2026-07-05,4\n"
            "manager,C1,complaint,2026-07-05,9\n");
    s.write("events.csv",
            "manager_id,kind,date,quantity,amount,note,ref\n"
            "C1,phone,2026-07-01,3,,,\n"
            "C1,phone,2026-07-01,2,,,b\n"
            "C1,phone,2026-07-02,1,12.5,,\n"
            "C2,phone,2026-06-30,4,,,\n"
            "MM,inspection,2026-07-03,1,,D1,\n");
    import_directory(s.ws(), s.dir(), {});
    // C2's new term: another unit and status from 2026-08-01.
    const auto term = s.write("terms/managers.csv",
                              "id,name,org_unit_id,role,grade,status,valid_from\n"
                              "C2,Du,D2,customer_manager,,left,2026-08-01\n");
    import_files(s.ws(), {term}, {});
}

}  // namespace merit::test
