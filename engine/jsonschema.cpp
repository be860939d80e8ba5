#include "jsonschema.h"

#include <QStringList>

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

// Hand-written on purpose. Debian 12's one C++ JSON Schema validator, libvalijson-dev, depends
// on the development packages of every JSON library it adapts (Qt 5, Poco, yaml-cpp, jsoncpp,
// RapidJSON, picojson), which a Qt 6 build should not pull in; and its messages do not name the
// argument in the config's path style. Tools declare a small subset of the standard, checked
// here, and checkSchemaSupported() keeps them to it.

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

using namespace std::string_view_literals;
using Json = nlohmann::json;

constexpr std::array SupportedKeywords{"type"sv,
                                       "properties"sv,
                                       "required"sv,
                                       "additionalProperties"sv,
                                       "enum"sv,
                                       "items"sv,
                                       "minimum"sv,
                                       "maximum"sv,
                                       "minLength"sv,
                                       "maxLength"sv,
                                       // Annotations: they say things to the model, not rules.
                                       "description"sv,
                                       "default"sv,
                                       "title"sv,
                                       "examples"sv};
constexpr std::array TypeNames{
    "null"sv, "boolean"sv, "object"sv, "array"sv, "number"sv, "integer"sv, "string"sv};

// A model can send anything; a few problems are enough to correct a call.
constexpr qsizetype MaxErrors = 10;
constexpr qsizetype MaxShownChars = 40;

QString shown(const Json &value)
{
    const QString text
        = QString::fromStdString(value.dump(-1, ' ', false, Json::error_handler_t::replace));
    if (text.size() <= MaxShownChars)
        return text;
    qsizetype cut = MaxShownChars;
    if (text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut) + u'…';
}

bool isPlainKey(std::string_view key)
{
    return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
               || c == '_';
    });
}

QString childPath(const QString &parent, const std::string &key)
{
    if (isPlainKey(key))
        return parent + u'.' + QString::fromStdString(key);
    return parent + u'[' + QString::fromStdString(Json(key).dump()) + u']';
}

bool isWholeNumber(const Json &value)
{
    if (value.is_number_integer())
        return true;
    if (!value.is_number_float())
        return false;
    const double number = value.get<double>();
    return std::isfinite(number) && std::trunc(number) == number;
}

bool hasType(const Json &value, std::string_view type)
{
    if (type == "null")
        return value.is_null();
    if (type == "boolean")
        return value.is_boolean();
    if (type == "object")
        return value.is_object();
    if (type == "array")
        return value.is_array();
    if (type == "number")
        return value.is_number();
    if (type == "integer")
        return isWholeNumber(value);
    return type == "string" && value.is_string();
}

QString typeWithArticle(std::string_view type)
{
    if (type == "null")
        return u"null"_s;
    const bool vowel = type.front() == 'a' || type.front() == 'i' || type.front() == 'o';
    return (vowel ? u"an "_s : u"a "_s) + QString::fromUtf8(type.data(), qsizetype(type.size()));
}

// Code points, as the standard counts a string's length.
qint64 codePoints(const std::string &text)
{
    return std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    });
}

QString characters(qint64 count)
{
    return count == 1 ? u"1 character"_s : u"%1 characters"_s.arg(count);
}

class Checker
{
public:
    QStringList errors;

    void fail(const QString &path, const QString &message)
    {
        if (errors.size() < MaxErrors)
            errors.append(path + u": "_s + message);
    }

    void check(const Json &schema, const Json &value, const QString &path)
    {
        if (schema.is_boolean()) {
            if (!schema.get<bool>())
                fail(path, u"not allowed here"_s);
            return;
        }
        if (!schema.is_object())
            return;
        const QString expected = checkType(schema, value, path);
        if (expected.isNull())
            return;
        checkEnum(schema, value, path);
        if (value.is_number())
            checkRange(schema, value, path, expected);
        else if (value.is_string())
            checkLength(schema, value, path);
        else if (value.is_object())
            checkObject(schema, value, path);
        else if (value.is_array())
            checkItems(schema, value, path);
    }

private:
    // What the value should be ("an integer"), or a null string once a type mismatch is reported.
    QString checkType(const Json &schema, const Json &value, const QString &path)
    {
        const auto type = schema.find("type");
        if (type == schema.end())
            return u"a value"_s;
        QStringList names;
        bool matched = false;
        const auto consider = [&](const Json &name) {
            if (!name.is_string())
                return;
            const std::string &text = name.get_ref<const std::string &>();
            names.append(typeWithArticle(text));
            matched = matched || hasType(value, text);
        };
        if (type->is_array()) {
            for (const Json &name : *type)
                consider(name);
        } else {
            consider(*type);
        }
        const QString expected = names.join(u" or "_s);
        if (matched)
            return expected;
        fail(path, u"expected %1, got %2"_s.arg(expected, shown(value)));
        return {};
    }

    void checkEnum(const Json &schema, const Json &value, const QString &path)
    {
        const auto allowed = schema.find("enum");
        if (allowed == schema.end() || !allowed->is_array())
            return;
        if (std::find(allowed->begin(), allowed->end(), value) != allowed->end())
            return;
        QStringList names;
        for (const Json &choice : *allowed)
            names.append(shown(choice));
        fail(path, u"expected one of %1, got %2"_s.arg(names.join(u", "_s), shown(value)));
    }

    void checkRange(const Json &schema, const Json &value, const QString &path, const QString &what)
    {
        const auto minimum = schema.find("minimum");
        if (minimum != schema.end() && minimum->is_number() && value < *minimum)
            fail(path, u"expected %1 >= %2, got %3"_s.arg(what, shown(*minimum), shown(value)));
        const auto maximum = schema.find("maximum");
        if (maximum != schema.end() && maximum->is_number() && *maximum < value)
            fail(path, u"expected %1 <= %2, got %3"_s.arg(what, shown(*maximum), shown(value)));
    }

    void checkLength(const Json &schema, const Json &value, const QString &path)
    {
        const qint64 length = codePoints(value.get_ref<const std::string &>());
        const auto minLength = schema.find("minLength");
        if (minLength != schema.end() && minLength->is_number_integer()
            && length < minLength->get<qint64>()) {
            fail(path,
                 u"expected at least %1, got %2"_s.arg(characters(minLength->get<qint64>()))
                     .arg(length));
        }
        const auto maxLength = schema.find("maxLength");
        if (maxLength != schema.end() && maxLength->is_number_integer()
            && length > maxLength->get<qint64>()) {
            fail(path,
                 u"expected at most %1, got %2"_s.arg(characters(maxLength->get<qint64>()))
                     .arg(length));
        }
    }

    void checkObject(const Json &schema, const Json &value, const QString &path)
    {
        static const Json NoProperties = Json::object();
        const auto propertiesIt = schema.find("properties");
        const Json &properties = propertiesIt != schema.end() && propertiesIt->is_object()
                                     ? *propertiesIt
                                     : NoProperties;
        if (const auto required = schema.find("required");
            required != schema.end() && required->is_array()) {
            for (const Json &name : *required) {
                if (name.is_string() && !value.contains(name.get_ref<const std::string &>()))
                    fail(childPath(path, name.get<std::string>()), u"required, but missing"_s);
            }
        }
        const auto additional = schema.find("additionalProperties");
        for (auto it = value.begin(); it != value.end(); ++it) {
            const QString itemPath = childPath(path, it.key());
            if (const auto property = properties.find(it.key()); property != properties.end())
                check(*property, it.value(), itemPath);
            else if (additional != schema.end() && additional->is_boolean() && !*additional)
                fail(itemPath, unknownMessage(properties));
            else if (additional != schema.end())
                check(*additional, it.value(), itemPath);
        }
    }

    static QString unknownMessage(const Json &properties)
    {
        if (properties.empty())
            return u"unknown argument (this takes none)"_s;
        QStringList names;
        for (auto it = properties.begin(); it != properties.end(); ++it)
            names.append(QString::fromStdString(it.key()));
        return u"unknown argument (known: %1)"_s.arg(names.join(u", "_s));
    }

    void checkItems(const Json &schema, const Json &value, const QString &path)
    {
        const auto items = schema.find("items");
        if (items == schema.end())
            return;
        for (std::size_t i = 0; i < value.size(); ++i)
            check(*items, value[i], path + u'[' + QString::number(i) + u']');
    }
};

Result<void> unsupported(const QString &path, const QString &message)
{
    return makeError(ErrorCode::Internal, u"schema %1: %2"_s.arg(path, message));
}

Result<void> checkSupported(const Json &schema, const QString &path)
{
    if (schema.is_boolean())
        return {};
    if (!schema.is_object())
        return unsupported(path, u"expected an object or a boolean"_s);
    for (auto it = schema.begin(); it != schema.end(); ++it) {
        if (std::find(SupportedKeywords.begin(), SupportedKeywords.end(), it.key())
            == SupportedKeywords.end()) {
            return unsupported(path,
                               u"keyword \"%1\" is not checked by Nightshift's validator"_s.arg(
                                   QString::fromStdString(it.key())));
        }
    }
    if (const auto type = schema.find("type"); type != schema.end()) {
        const Json names = type->is_array() ? *type : Json::array({*type});
        for (const Json &name : names) {
            if (!name.is_string()
                || std::find(
                       TypeNames.begin(), TypeNames.end(), name.get_ref<const std::string &>())
                       == TypeNames.end())
                return unsupported(path, u"unknown type %1"_s.arg(shown(name)));
        }
    }
    for (const char *key : {"minimum", "maximum"}) {
        if (const auto bound = schema.find(key); bound != schema.end() && !bound->is_number())
            return unsupported(path, u"%1 must be a number"_s.arg(QLatin1String(key)));
    }
    for (const char *key : {"minLength", "maxLength"}) {
        if (const auto bound = schema.find(key);
            bound != schema.end() && (!bound->is_number_integer() || bound->get<qint64>() < 0))
            return unsupported(path, u"%1 must be a whole number >= 0"_s.arg(QLatin1String(key)));
    }
    if (const auto allowed = schema.find("enum"); allowed != schema.end() && !allowed->is_array())
        return unsupported(path, u"enum must be an array"_s);
    if (const auto required = schema.find("required"); required != schema.end()) {
        if (!required->is_array()
            || !std::all_of(required->begin(), required->end(), [](const Json &name) {
                   return name.is_string();
               }))
            return unsupported(path, u"required must be an array of names"_s);
    }
    if (const auto properties = schema.find("properties"); properties != schema.end()) {
        if (!properties->is_object())
            return unsupported(path, u"properties must be an object"_s);
        for (auto it = properties->begin(); it != properties->end(); ++it) {
            if (Result<void> inner = checkSupported(it.value(), childPath(path, it.key())); !inner)
                return inner;
        }
    }
    for (const char *key : {"items", "additionalProperties"}) {
        if (const auto inner = schema.find(key); inner != schema.end()) {
            if (Result<void> result = checkSupported(*inner, path + u'.' + QLatin1String(key));
                !result)
                return result;
        }
    }
    return {};
}

} // namespace

Result<void> validateJson(const nlohmann::json &schema,
                          const nlohmann::json &value,
                          const QString &root)
{
    Checker checker;
    checker.check(schema, value, root);
    if (checker.errors.isEmpty())
        return {};
    return makeError(ErrorCode::InvalidArgument, checker.errors.join(u"; "_s));
}

Result<void> checkSchemaSupported(const nlohmann::json &schema)
{
    // A tool that declares nothing (null) takes any arguments, like the empty schema.
    if (schema.is_null())
        return {};
    return checkSupported(schema, u"(root)"_s);
}

} // namespace nightshift
