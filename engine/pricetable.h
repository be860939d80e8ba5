#pragma once

#include "result.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace nightshift {

/// What one model costs, in US dollars per million tokens.
struct ModelPrice
{
    QString provider; ///< A provider id, as `model_config.provider` names it.
    /// A model name or the start of one (`gpt-4o` prices `gpt-4o-2024-08-06`); `*` prices every
    /// model of the provider that no longer entry matches.
    QString model;
    double inputPerMillion = 0;
    double outputPerMillion = 0;

    /// Whether this entry is the one for provider and model as written (not by prefix).
    bool isFor(const QString &providerId, const QString &modelName) const;
    bool operator==(const ModelPrice &) const = default;
};

/// What a price file holds: the shipped one, or the user's changes to it.
struct PriceList
{
    QString asOf; ///< When the prices were taken, as written (YYYY-MM-DD).
    QString note; ///< For whoever opens the file.
    QList<ModelPrice> prices;
    /// Shipped entries the user removed; only their provider and model count.
    QList<ModelPrice> removed;

    bool operator==(const PriceList &) const = default;
};

/// Reads a price file's JSON; an error names source and the entry at fault
/// (`prices.json: prices[3].input: …`).
Result<PriceList> parsePriceList(const QByteArray &json, const QString &source);
/// Reads the price file at path; a missing file is ErrorCode::NotFound.
Result<PriceList> readPriceList(const QString &path);
/// Writes list to path in parsePriceList()'s shape, atomically, creating its folder.
Result<void> writePriceList(const PriceList &list, const QString &path);

/// Token prices by provider and model: the table shipped with Nightshift, with the user's
/// entries from Settings → Prices over it. A value type; copies cross threads freely.
class PriceTable final
{
public:
    PriceTable() = default;
    explicit PriceTable(QList<ModelPrice> prices, QString asOf = {});

    /// The table compiled into Nightshift (resources/prices.json).
    static PriceTable shipped();
    /// Where the user's entries live: prices.json in the application's data folder.
    static QString userFilePath();

    /// What load() found: the table to use, and why the user's file was not applied, if so.
    struct Loaded;
    /// The shipped table with the user's file at userFile applied. A file that cannot be read or
    /// is malformed is left as it is: the shipped table is used and the error says why.
    static Loaded load(const QString &userFile = userFilePath());

    const QList<ModelPrice> &entries() const { return m_entries; }
    bool isEmpty() const { return m_entries.isEmpty(); }
    /// The shipped prices' date (YYYY-MM-DD); empty when unknown.
    const QString &asOf() const { return m_asOf; }
    /// Adds price, or replaces the entry for the same provider and model.
    void insert(const ModelPrice &price);
    /// Removes the entry for exactly provider and model; whether there was one.
    bool remove(const QString &provider, const QString &model);

    /// The price of a provider's model: the entry whose model is the longest prefix of model
    /// (`*` counting as the shortest), compared without regard to case; nullopt when none is.
    std::optional<ModelPrice> find(const QString &provider, const QString &model) const;
    /// What the tokens cost in US dollars; nullopt when the model has no price.
    std::optional<double> cost(const QString &provider,
                               const QString &model,
                               qint64 inputTokens,
                               qint64 outputTokens) const;

    /// This table with overrides' prices added or replacing, and its removed entries dropped.
    PriceTable applied(const PriceList &overrides) const;
    /// What makes this table differ from base, as the user's file keeps it.
    PriceList differencesFrom(const PriceTable &base) const;
    /// Writes differencesFrom(shipped()) to userFile; with no difference the file is removed.
    /// A malformed file found there is kept beside it as prices.json.bak.
    Result<void> saveUserFile(const QString &userFile = userFilePath()) const;

    bool operator==(const PriceTable &) const = default;

private:
    QList<ModelPrice> m_entries;
    QString m_asOf;
};

struct PriceTable::Loaded
{
    PriceTable table;
    QString error; ///< Empty when the user's file, if any, was applied.
};

} // namespace nightshift

Q_DECLARE_METATYPE(nightshift::PriceTable)
