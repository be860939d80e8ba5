#include "jsonschema.h"
#include "toolregistry.h"

#include <QTest>

using namespace nightshift;
using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

// The shape of a tool's parameters, using every keyword the validator takes.
const char *const ToolSchema = R"({
    "type": "object",
    "properties": {
        "url": {"type": "string", "minLength": 1, "maxLength": 10, "description": "d"},
        "method": {"type": "string", "enum": ["GET", "POST"], "default": "GET"},
        "retries": {"type": "integer", "minimum": 0, "maximum": 5},
        "ratio": {"type": "number", "minimum": 0.5, "maximum": 1.5},
        "verbose": {"type": "boolean"},
        "note": {"type": ["string", "null"]},
        "tags": {"type": "array", "items": {"type": "string", "maxLength": 3}},
        "headers": {"type": "object", "additionalProperties": {"type": "string"}},
        "nested": {
            "type": "object",
            "properties": {"depth": {"type": "integer"}},
            "required": ["depth"],
            "additionalProperties": false
        }
    },
    "required": ["url"],
    "additionalProperties": false
})";

} // namespace

class TestJsonSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsValidArguments_data();
    void acceptsValidArguments();
    void rejectsInvalidArguments_data();
    void rejectsInvalidArguments();
    void reportsEveryProblem();
    void emptyOrNullSchemaAcceptsAnything();
    void refusesUnsupportedSchemas_data();
    void refusesUnsupportedSchemas();
    void builtinToolSchemasAreSupported();
};

void TestJsonSchema::acceptsValidArguments_data()
{
    QTest::addColumn<QByteArray>("arguments");
    QTest::newRow("only the required") << QByteArray(R"({"url": "a"})");
    QTest::newRow("every field") << QByteArray(
        R"({"url": "0123456789", "method": "POST", "retries": 5, "ratio": 1.5, "verbose": false,
            "note": null, "tags": ["a", "bcd"], "headers": {"X": "y"}, "nested": {"depth": 2}})");
    QTest::newRow("an integer written as 2.0") << QByteArray(R"({"url": "a", "retries": 2.0})");
    QTest::newRow("integer for number") << QByteArray(R"({"url": "a", "ratio": 1})");
    QTest::newRow("length counts characters, not bytes") << QByteArray(R"({"url": "ééééééééé€"})");
    QTest::newRow("empty array") << QByteArray(R"({"url": "a", "tags": []})");
}

void TestJsonSchema::acceptsValidArguments()
{
    QFETCH(QByteArray, arguments);
    const Result<void> result
        = validateJson(Json::parse(ToolSchema), Json::parse(arguments.toStdString()));
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
}

void TestJsonSchema::rejectsInvalidArguments_data()
{
    QTest::addColumn<QByteArray>("arguments");
    QTest::addColumn<QString>("message");

    QTest::newRow("not an object")
        << QByteArray(R"([1])") << u"arguments: expected an object, got [1]"_s;
    QTest::newRow("missing required")
        << QByteArray(R"({})") << u"arguments.url: required, but missing"_s;
    QTest::newRow("wrong type") << QByteArray(R"({"url": 42})")
                                << u"arguments.url: expected a string, got 42"_s;
    QTest::newRow("too short") << QByteArray(R"({"url": ""})")
                               << u"arguments.url: expected at least 1 character, got 0"_s;
    QTest::newRow("too long") << QByteArray(R"({"url": "01234567890"})")
                              << u"arguments.url: expected at most 10 characters, got 11"_s;
    QTest::newRow("not in enum")
        << QByteArray(R"({"url": "a", "method": "PUT"})")
        << uR"(arguments.method: expected one of "GET", "POST", got "PUT")"_s;
    QTest::newRow("fraction for integer") << QByteArray(R"({"url": "a", "retries": 1.5})")
                                          << u"arguments.retries: expected an integer, got 1.5"_s;
    QTest::newRow("string for integer") << QByteArray(R"({"url": "a", "retries": "2"})")
                                        << uR"(arguments.retries: expected an integer, got "2")"_s;
    QTest::newRow("below minimum") << QByteArray(R"({"url": "a", "retries": -1})")
                                   << u"arguments.retries: expected an integer >= 0, got -1"_s;
    QTest::newRow("above maximum") << QByteArray(R"({"url": "a", "retries": 6})")
                                   << u"arguments.retries: expected an integer <= 5, got 6"_s;
    QTest::newRow("number below minimum")
        << QByteArray(R"({"url": "a", "ratio": 0.25})")
        << u"arguments.ratio: expected a number >= 0.5, got 0.25"_s;
    QTest::newRow("boolean as string") << QByteArray(R"({"url": "a", "verbose": "yes"})")
                                       << uR"(arguments.verbose: expected a boolean, got "yes")"_s;
    QTest::newRow("null not allowed") << QByteArray(R"({"url": "a", "verbose": null})")
                                      << u"arguments.verbose: expected a boolean, got null"_s;
    QTest::newRow("type list") << QByteArray(R"({"url": "a", "note": 1})")
                               << u"arguments.note: expected a string or null, got 1"_s;
    QTest::newRow("array item") << QByteArray(R"({"url": "a", "tags": ["ok", "long"]})")
                                << u"arguments.tags[1]: expected at most 3 characters, got 4"_s;
    QTest::newRow("additional properties schema")
        << QByteArray(R"({"url": "a", "headers": {"X-Count": 3}})")
        << uR"(arguments.headers["X-Count"]: expected a string, got 3)"_s;
    QTest::newRow("unknown argument")
        << QByteArray(R"({"url": "a", "urls": "b"})")
        << u"arguments.urls: unknown argument (known: headers, method, nested, note, ratio, "
           "retries, tags, url, verbose)"_s;
    QTest::newRow("nested required") << QByteArray(R"({"url": "a", "nested": {}})")
                                     << u"arguments.nested.depth: required, but missing"_s;
    QTest::newRow("nested unknown") << QByteArray(R"({"url": "a", "nested": {"depth": 1, "x": 2}})")
                                    << u"arguments.nested.x: unknown argument"_s;
    QTest::newRow("odd key is quoted") << QByteArray(R"({"url": "a", "my key": 1})")
                                       << uR"(arguments["my key"]: unknown argument)"_s;
    QTest::newRow("long value is cut")
        << QByteArray(R"({"url": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "x": 1})")
        << uR"(arguments.url: expected at most 10 characters, got 50)"_s;
}

void TestJsonSchema::rejectsInvalidArguments()
{
    QFETCH(QByteArray, arguments);
    QFETCH(QString, message);
    const Result<void> result
        = validateJson(Json::parse(ToolSchema), Json::parse(arguments.toStdString()));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(result.errorMessage().contains(message), qPrintable(result.errorMessage()));
}

void TestJsonSchema::reportsEveryProblem()
{
    const Result<void> result
        = validateJson(Json::parse(ToolSchema), Json::parse(R"({"method": 1, "retries": 9})"));
    QVERIFY(!result.ok());
    const QStringList problems = result.errorMessage().split(u"; "_s);
    QCOMPARE(problems.size(), 3);
    QVERIFY(problems.contains(u"arguments.url: required, but missing"_s));
    QVERIFY(problems.contains(u"arguments.method: expected a string, got 1"_s));
    QVERIFY(problems.contains(u"arguments.retries: expected an integer <= 5, got 9"_s));

    // A flood of problems is cut to a readable few.
    Json many = Json::object();
    for (int i = 0; i < 50; ++i)
        many["x" + std::to_string(i)] = i;
    const Result<void> flood = validateJson(Json::parse(ToolSchema), many);
    QCOMPARE(flood.errorMessage().split(u"; "_s).size(), 10);
}

void TestJsonSchema::emptyOrNullSchemaAcceptsAnything()
{
    for (const Json &schema : {Json::object(), Json(), Json(true)}) {
        QVERIFY(validateJson(schema, Json::parse(R"({"a": [1, {"b": null}]})")).ok());
        QVERIFY(checkSchemaSupported(schema).ok());
    }
    const Result<void> refused = validateJson(Json(false), Json::object());
    QVERIFY(!refused.ok());
    QCOMPARE(refused.errorMessage(), u"arguments: not allowed here"_s);
}

void TestJsonSchema::refusesUnsupportedSchemas_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QString>("message");
    QTest::newRow("pattern") << QByteArray(R"({"type": "string", "pattern": "^a"})")
                             << u"keyword \"pattern\""_s;
    QTest::newRow("nested oneOf") << QByteArray(
        R"({"type": "object", "properties": {"a": {"oneOf": []}}})")
                                  << u"schema (root).a: keyword \"oneOf\""_s;
    QTest::newRow("unknown type") << QByteArray(R"({"type": "float"})") << u"unknown type"_s;
    QTest::newRow("items keyword") << QByteArray(R"({"type": "array", "items": {"format": "x"}})")
                                   << u"(root).items: keyword \"format\""_s;
    QTest::newRow("bad bound") << QByteArray(R"({"type": "integer", "minimum": "1"})")
                               << u"minimum must be a number"_s;
    QTest::newRow("bad length") << QByteArray(R"({"type": "string", "maxLength": -1})")
                                << u"maxLength must be a whole number >= 0"_s;
    QTest::newRow("bad required") << QByteArray(R"({"type": "object", "required": [1]})")
                                  << u"required must be an array of names"_s;
    QTest::newRow("not a schema") << QByteArray(R"(5)") << u"expected an object or a boolean"_s;
}

void TestJsonSchema::refusesUnsupportedSchemas()
{
    QFETCH(QByteArray, schema);
    QFETCH(QString, message);
    const Result<void> result = checkSchemaSupported(Json::parse(schema.toStdString()));
    QVERIFY(!result.ok());
    QVERIFY2(result.errorMessage().contains(message), qPrintable(result.errorMessage()));
}

void TestJsonSchema::builtinToolSchemasAreSupported()
{
    const auto registry = ToolRegistry::withBuiltins();
    const QStringList names = registry->names();
    for (const char *name : {"system_info", "http_fetch", "file_read", "file_write", "notify"})
        QVERIFY2(names.contains(QLatin1String(name)), name);
    for (const QString &name : names) {
        const ToolDescriptor descriptor = registry->find(name)->descriptor();
        QCOMPARE(descriptor.name, name);
        QVERIFY(!descriptor.description.isEmpty());
        const Result<void> supported = checkSchemaSupported(descriptor.parameters);
        QVERIFY2(supported.ok(), qPrintable(name + u": "_s + supported.errorMessage()));
        QCOMPARE(descriptor.parameters.value("type", std::string()), std::string("object"));
    }
}

QTEST_GUILESS_MAIN(TestJsonSchema)
#include "tst_jsonschema.moc"
