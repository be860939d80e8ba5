#include "notifytool.h"

#include "../event.h"

namespace nightshift {

using namespace Qt::StringLiterals;

ToolDescriptor NotifyTool::descriptor() const
{
    ToolDescriptor descriptor;
    descriptor.name = u"notify"_s;
    descriptor.description
        = u"Sends the user a desktop notification. Use it for what needs attention now, not for "
          "routine reports."_s;
    descriptor.parameters = {
        {"type", "object"},
        {"properties",
         {{"title",
           {{"type", "string"},
            {"minLength", 1},
            {"maxLength", 200},
            {"description", "One short line."}}},
          {"body",
           {{"type", "string"},
            {"maxLength", 4000},
            {"default", ""},
            {"description", "What happened and what to do, in a few lines."}}},
          {"level",
           {{"type", "string"},
            {"enum", {"info", "warning", "critical"}},
            {"default", "info"},
            {"description", "How urgent it is."}}}}},
        {"required", {"title"}},
        {"additionalProperties", false},
    };
    return descriptor;
}

void NotifyTool::invoke(const ToolCall &call, ToolDone done)
{
    const nlohmann::json &arguments = call.arguments;
    if (!arguments.contains("title") || !arguments["title"].is_string()) {
        done(makeError(ErrorCode::InvalidArgument, u"notify needs a title"_s));
        return;
    }
    if (!call.emitEvent) {
        done(makeError(ErrorCode::Unavailable, u"notify has no run to report to"_s));
        return;
    }
    const nlohmann::json notification = {
        {"title", arguments["title"]},
        {"body", arguments.value("body", std::string())},
        {"level", arguments.value("level", std::string("info"))},
    };
    call.emitEvent(EventType::Notification, notification);
    done(nlohmann::json{{"notified", true}});
}

} // namespace nightshift
