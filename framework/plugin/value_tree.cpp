#include "plugin/value_tree.hpp"

namespace merit {

ValueTree::ValueTree(const boost::json::value& json) {
    nodes_.emplace_back();
    fill(nodes_.front(), json);
}

void ValueTree::fill(merit_value& node, const boost::json::value& json) {
    node = merit_value{};
    switch (json.kind()) {
        case boost::json::kind::null:
            node.kind = MERIT_VALUE_NULL;
            break;
        case boost::json::kind::bool_:
            node.kind = MERIT_VALUE_BOOL;
            node.boolean = json.get_bool() ? 1 : 0;
            break;
        case boost::json::kind::int64:
            node.kind = MERIT_VALUE_NUMBER;
            node.number = static_cast<double>(json.get_int64());
            break;
        case boost::json::kind::uint64:
            node.kind = MERIT_VALUE_NUMBER;
            node.number = static_cast<double>(json.get_uint64());
            break;
        case boost::json::kind::double_:
            node.kind = MERIT_VALUE_NUMBER;
            node.number = json.get_double();
            break;
        case boost::json::kind::string:
            node.kind = MERIT_VALUE_STRING;
            node.string = strings_.emplace_back(json.get_string().c_str()).c_str();
            break;
        case boost::json::kind::array: {
            const auto& array = json.get_array();
            auto& items = arrays_.emplace_back(array.size());
            node.kind = MERIT_VALUE_ARRAY;
            node.count = array.size();
            node.items = items.data();
            for (size_t i = 0; i < array.size(); ++i) fill(items[i], array[i]);
            break;
        }
        case boost::json::kind::object: {
            const auto& object = json.get_object();
            auto& items = arrays_.emplace_back(object.size());
            auto& keys = keys_.emplace_back(object.size());
            node.kind = MERIT_VALUE_OBJECT;
            node.count = object.size();
            node.items = items.data();
            node.keys = keys.data();
            size_t i = 0;
            for (const auto& member : object) {
                keys[i] = strings_.emplace_back(member.key()).c_str();
                fill(items[i], member.value());
                ++i;
            }
            break;
        }
    }
}

}  // namespace merit
