#include "plugin/sandbox_layers.hpp"

#include <fmt/format.h>

#include <boost/json/array.hpp>

namespace merit {

std::vector<std::string> SandboxLayers::missing() const {
    std::vector<std::string> out;
    if (!mount) out.emplace_back("mount namespace");
    if (!pid) out.emplace_back("pid namespace");
    if (!network) out.emplace_back("network namespace");
    if (!seccomp) out.emplace_back("seccomp");
    return out;
}

std::string SandboxLayers::held_text() const {
    std::vector<std::string> held;
    if (mount) held.emplace_back("mount");
    if (pid) held.emplace_back("pid");
    if (network) held.emplace_back("network");
    std::string text;
    for (size_t i = 0; i < held.size(); ++i)
        text += (i == 0 ? "" : i + 1 == held.size() ? " and " : ", ") + held[i];
    if (!held.empty())
        text += fmt::format(" namespace{} ({})", held.size() > 1 ? "s" : "",
                            user ? "in a user namespace" : "as root, without a user namespace");
    if (seccomp) text += text.empty() ? "seccomp" : " and seccomp";
    return text.empty() ? "none" : text;
}

std::string SandboxLayers::missing_text() const {
    const auto layers = missing();
    std::string text;
    for (size_t i = 0; i < layers.size(); ++i) text += (i == 0 ? "" : ", ") + layers[i];
    return why.empty() ? text : fmt::format("{} ({})", text, why);
}

std::string SandboxLayers::encode() const {
    std::string text;
    for (bool held : {user, mount, pid, network, seccomp}) text += held ? '1' : '0';
    return text + why;
}

SandboxLayers SandboxLayers::decode(const std::string& text) {
    SandboxLayers layers;
    if (text.size() < 5) {
        layers.why = "the sandbox probe did not answer";
        return layers;
    }
    layers.user = text[0] == '1';
    layers.mount = text[1] == '1';
    layers.pid = text[2] == '1';
    layers.network = text[3] == '1';
    layers.seccomp = text[4] == '1';
    layers.why = text.substr(5);
    return layers;
}

boost::json::object SandboxLayers::to_json() const {
    boost::json::array absent;
    for (const auto& layer : missing()) absent.emplace_back(layer);
    return {{"user", user},       {"mount", mount},     {"pid", pid},
            {"network", network}, {"seccomp", seccomp}, {"missing", std::move(absent)},
            {"why", why}};
}

}  // namespace merit
