#include "pricetable.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace nightshift {

namespace {

const QString ShippedPricesPath = u":/prices.json"_s;
// A price file is a few kilobytes; anything near this is not one.
constexpr qint64 MaxPriceFileBytes = 1024 * 1024;
const QString UserFileNote
    = u"Your changes to Nightshift's shipped prices, from Settings > Prices, in US dollars per "
      "1,000,000 tokens. Entries here replace or add to the shipped ones; \"removed\": true drops "
      "a shipped one."_s;

// QJsonParseError reports a byte offset; editors show lines and columns.
QString lineAndColumn(const QByteArray &text, int offset)
{
    const qsizetype end = std::clamp<qsizetype>(offset, 0, text.size());
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < end; ++i) {
        if (text.at(i) == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    const int column = 1 + int(QString::fromUtf8(text.mid(lineStart, end - lineStart)).size());
    return u"line %1, column %2"_s.arg(line).arg(column);
}

QString shown(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return u"\"%1\""_s.arg(value.toString());
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

/// Reads one entry of `prices`; an error message starts with the entry's path.
Result<ModelPrice> readEntry(const QJsonValue &value, const QString &path, bool *removed)
{
    const auto fail = [&path](const QString &field, const QString &what) {
        return makeError(ErrorCode::InvalidArgument,
                         (field.isEmpty() ? path : path + u'.' + field) + u": "_s + what);
    };
    if (!value.isObject())
        return fail({},
                    u"expected an object like {\"provider\": \"openai\", \"model\": \"gpt-4o\", "
                    "\"input\": 2.5, \"output\": 10}, got %1"_s.arg(shown(value)));
    const QJsonObject object = value.toObject();
    static const QStringList known
        = {u"provider"_s, u"model"_s, u"input"_s, u"output"_s, u"removed"_s, u"note"_s};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            return fail(it.key(), u"unknown key; an entry holds %1"_s.arg(known.join(u", "_s)));
    }
    ModelPrice price;
    for (const auto &[field, target] :
         {std::pair{u"provider"_s, &price.provider}, std::pair{u"model"_s, &price.model}}) {
        const QJsonValue text = object.value(field);
        if (!text.isString() || text.toString().trimmed().isEmpty())
            return fail(field, u"expected a non-empty string, got %1"_s.arg(shown(text)));
        *target = text.toString().trimmed();
    }
    const QJsonValue isRemoved = object.value(u"removed"_s);
    if (!isRemoved.isUndefined() && !isRemoved.isBool())
        return fail(u"removed"_s, u"expected true or false, got %1"_s.arg(shown(isRemoved)));
    *removed = isRemoved.toBool(false);
    if (*removed)
        return price;
    for (const auto &[field, target] : {std::pair{u"input"_s, &price.inputPerMillion},
                                        std::pair{u"output"_s, &price.outputPerMillion}}) {
        const QJsonValue number = object.value(field);
        if (!number.isDouble() || !std::isfinite(number.toDouble()) || number.toDouble() < 0)
            return fail(field,
                        u"expected US dollars per million tokens, a number of 0 or more, got "
                        "%1"_s.arg(shown(number)));
        *target = number.toDouble();
    }
    return price;
}

QJsonObject entryJson(const ModelPrice &price, bool removed)
{
    QJsonObject object{{u"provider"_s, price.provider}, {u"model"_s, price.model}};
    if (removed) {
        object.insert(u"removed"_s, true);
    } else {
        object.insert(u"input"_s, price.inputPerMillion);
        object.insert(u"output"_s, price.outputPerMillion);
    }
    return object;
}

} // namespace

bool ModelPrice::isFor(const QString &providerId, const QString &modelName) const
{
    return provider.compare(providerId, Qt::CaseInsensitive) == 0
           && model.compare(modelName, Qt::CaseInsensitive) == 0;
}

Result<PriceList> parsePriceList(const QByteArray &json, const QString &source)
{
    const auto fail = [&source](const QString &what) {
        return makeError(ErrorCode::InvalidArgument, source + u": "_s + what);
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(u"invalid JSON at %1: %2"_s.arg(lineAndColumn(json, parseError.offset),
                                                    parseError.errorString()));
    if (!document.isObject())
        return fail(u"expected an object with a \"prices\" array"_s);
    const QJsonObject root = document.object();
    static const QStringList known = {u"as_of"_s, u"currency"_s, u"unit"_s, u"note"_s, u"prices"_s};
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (!known.contains(it.key()))
            return fail(
                u"%1: unknown key; a price file holds %2"_s.arg(it.key(), known.join(u", "_s)));
    }
    const QJsonValue currency = root.value(u"currency"_s);
    if (!currency.isUndefined() && currency.toString() != u"USD")
        return fail(
            u"currency: prices are in US dollars, expected \"USD\", got %1"_s.arg(shown(currency)));
    const QJsonValue asOf = root.value(u"as_of"_s);
    if (!asOf.isUndefined() && !asOf.isString())
        return fail(u"as_of: expected a date like \"2025-08-15\", got %1"_s.arg(shown(asOf)));
    const QJsonValue prices = root.value(u"prices"_s);
    if (!prices.isArray())
        return fail(u"prices: expected an array of entries, got %1"_s.arg(shown(prices)));

    PriceList list;
    list.asOf = asOf.toString();
    list.note = root.value(u"note"_s).toString();
    const QJsonArray entries = prices.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString path = u"prices[%1]"_s.arg(i);
        bool removed = false;
        Result<ModelPrice> price = readEntry(entries.at(i), path, &removed);
        if (!price)
            return fail(price.errorMessage());
        const QList<ModelPrice> seen = list.prices + list.removed;
        for (qsizetype j = 0; j < seen.size(); ++j) {
            if (seen.at(j).isFor(price->provider, price->model))
                return fail(u"%1: a second entry for %2 %3; keep one"_s.arg(
                    path, price->provider, price->model));
        }
        (removed ? list.removed : list.prices).append(std::move(price).value());
    }
    return list;
}

Result<PriceList> readPriceList(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return makeError(ErrorCode::NotFound, u"%1: no such file"_s.arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, u"%1: cannot be read: %2"_s.arg(path, file.errorString()));
    if (file.size() > MaxPriceFileBytes)
        return makeError(
            ErrorCode::InvalidArgument,
            u"%1: %2 bytes is too large for a price file"_s.arg(path).arg(file.size()));
    return parsePriceList(file.readAll(), path);
}

Result<void> writePriceList(const PriceList &list, const QString &path)
{
    QJsonArray prices;
    for (const ModelPrice &price : list.prices)
        prices.append(entryJson(price, false));
    for (const ModelPrice &price : list.removed)
        prices.append(entryJson(price, true));
    QJsonObject root{
        {u"currency"_s, u"USD"_s}, {u"unit"_s, u"per 1,000,000 tokens"_s}, {u"prices"_s, prices}};
    if (!list.asOf.isEmpty())
        root.insert(u"as_of"_s, list.asOf);
    if (!list.note.isEmpty())
        root.insert(u"note"_s, list.note);

    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return makeError(ErrorCode::Io,
                         u"%1: cannot create its folder"_s.arg(QDir::toNativeSeparators(path)));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io,
                         u"%1: cannot be written: %2"_s.arg(path, file.errorString()));
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return makeError(ErrorCode::Io,
                         u"%1: cannot be written: %2"_s.arg(path, file.errorString()));
    return {};
}

PriceTable::PriceTable(QList<ModelPrice> prices, QString asOf)
    : m_asOf(std::move(asOf))
{
    for (const ModelPrice &price : prices)
        insert(price);
}

PriceTable PriceTable::shipped()
{
    static const PriceTable table = [] {
        const Result<PriceList> list = readPriceList(ShippedPricesPath);
        // The file is compiled in and checked by the tests; failing here is a broken build.
        Q_ASSERT_X(list, "PriceTable::shipped", qPrintable(list.errorMessage()));
        return list ? PriceTable(list->prices, list->asOf) : PriceTable();
    }();
    return table;
}

QString PriceTable::userFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/prices.json"_s;
}

PriceTable::Loaded PriceTable::load(const QString &userFile)
{
    Loaded loaded{shipped(), {}};
    const Result<PriceList> user = readPriceList(userFile);
    if (user)
        loaded.table = loaded.table.applied(*user);
    else if (user.error().code != ErrorCode::NotFound)
        loaded.error = u"%1 (the shipped prices are used; the file is left as it is)"_s.arg(
            user.errorMessage());
    return loaded;
}

void PriceTable::insert(const ModelPrice &price)
{
    for (ModelPrice &entry : m_entries) {
        if (entry.isFor(price.provider, price.model)) {
            entry = price;
            return;
        }
    }
    m_entries.append(price);
}

bool PriceTable::remove(const QString &provider, const QString &model)
{
    return m_entries.removeIf([&](const ModelPrice &entry) { return entry.isFor(provider, model); })
           > 0;
}

std::optional<ModelPrice> PriceTable::find(const QString &provider, const QString &model) const
{
    const ModelPrice *best = nullptr;
    qsizetype bestLength = -1;
    for (const ModelPrice &entry : m_entries) {
        if (entry.provider.compare(provider, Qt::CaseInsensitive) != 0)
            continue;
        const bool any = entry.model == u"*";
        if (!any && !model.startsWith(entry.model, Qt::CaseInsensitive))
            continue;
        const qsizetype length = any ? 0 : entry.model.size();
        if (length > bestLength) {
            best = &entry;
            bestLength = length;
        }
    }
    if (!best)
        return std::nullopt;
    return *best;
}

std::optional<double> PriceTable::cost(const QString &provider,
                                       const QString &model,
                                       qint64 inputTokens,
                                       qint64 outputTokens) const
{
    const std::optional<ModelPrice> price = find(provider, model);
    if (!price)
        return std::nullopt;
    return (double(inputTokens) * price->inputPerMillion
            + double(outputTokens) * price->outputPerMillion)
           / 1'000'000.0;
}

PriceTable PriceTable::applied(const PriceList &overrides) const
{
    PriceTable table = *this;
    for (const ModelPrice &removed : overrides.removed)
        table.remove(removed.provider, removed.model);
    for (const ModelPrice &price : overrides.prices)
        table.insert(price);
    return table;
}

PriceList PriceTable::differencesFrom(const PriceTable &base) const
{
    const auto exact = [](const PriceTable &table, const ModelPrice &key) -> const ModelPrice * {
        for (const ModelPrice &entry : table.m_entries) {
            if (entry.isFor(key.provider, key.model))
                return &entry;
        }
        return nullptr;
    };
    PriceList list;
    for (const ModelPrice &entry : m_entries) {
        const ModelPrice *before = exact(base, entry);
        if (!before || before->inputPerMillion != entry.inputPerMillion
            || before->outputPerMillion != entry.outputPerMillion)
            list.prices.append(entry);
    }
    for (const ModelPrice &entry : base.m_entries) {
        if (!exact(*this, entry))
            list.removed.append({entry.provider, entry.model, 0, 0});
    }
    return list;
}

Result<void> PriceTable::saveUserFile(const QString &userFile) const
{
    // Whatever the user wrote by hand survives being replaced from the dialog.
    if (QFile::exists(userFile) && !readPriceList(userFile)) {
        const QString aside = userFile + u".bak"_s;
        QFile::remove(aside);
        if (!QFile::rename(userFile, aside))
            return makeError(ErrorCode::Io,
                             u"%1: cannot be kept aside as %2"_s.arg(userFile, aside));
    }
    PriceList list = differencesFrom(shipped());
    if (list.prices.isEmpty() && list.removed.isEmpty()) {
        if (QFile::exists(userFile) && !QFile::remove(userFile))
            return makeError(ErrorCode::Io, u"%1: cannot be removed"_s.arg(userFile));
        return {};
    }
    list.note = UserFileNote;
    return writePriceList(list, userFile);
}

} // namespace nightshift
