// The messages between the host and an isolated plugin process. The host
// sends one request (create, compute, score, reward, destroy) and then
// serves the child's service calls until the child answers `done`: RPC in
// both directions over one socket, strictly one request at a time.
//
// request  (host -> child):  kind, env flags (data, run, trace), payload
// call     (child -> host):  kCall, service, arguments
// reply    (host -> child):  kReply, ok, error text, results
// log      (child -> host):  kLog, level, text (no reply)
// done     (child -> host):  kDone, ok, error text, outputs
#pragma once

#include <cstdint>

namespace merit::isolated {

enum Message : uint8_t {
    kCreate = 1,
    kCompute = 2,
    kScore = 3,
    kReward = 4,
    kDestroy = 5,
    kCall = 10,
    kReply = 11,
    kLog = 12,
    kDone = 13,
    // An isolated plugin's description (child -> host, once, unasked):
    // kDescribed, ok, error text, then the description (plugin_code.hpp).
    kDescribed = 14,
};

enum Service : uint8_t {
    kFactAggregate = 1,
    kEventAggregate = 2,
    kTargetValues = 3,
    kRatingAverage = 4,
    kQuery = 5,
    kResultColumn = 6,
    kResultText = 7,
    kEmitPay = 8,
    kEmitDecision = 9,
    kStateRead = 10,
    kStateWrite = 11,
    kTraceColumn = 12,
    kTraceNote = 13,
    // 1.1
    kRunLatest = 14,
    kRunColumn = 15,
    kRunText = 16,
    kCustomerValues = 17,
    kEventRows = 18,
    kOrganisation = 19,
    kCustomerHoldings = 20,
    kCustomerFacts = 21,
};

}  // namespace merit::isolated
