#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <optional>

namespace nightshift {

/// The most links and feed items one page yields; more would only crowd the model's context.
inline constexpr int MaxLinks = 100;
inline constexpr int MaxFeedItems = 100;
/// A feed item's summary is cut to this many characters.
inline constexpr int MaxSummaryChars = 600;

/// An HTML page as readable text: {"title", "text", "links": [{"text", "url"}]}. Scripts,
/// styles and the head are dropped; blocks become lines, list items "- " lines. charset is the
/// one the server named (empty: the page's own <meta>, else UTF-8); links resolve against base.
nlohmann::json htmlToText(const QByteArray &html, const QByteArray &charset, const QUrl &base);

/// An HTML fragment (a feed summary) as one paragraph of plain text.
QString htmlFragmentToText(const QString &html);

/// An RSS 2.0 (or 1.0) or Atom document as {"format": "rss"|"atom", "title", "items": [{"title",
/// "link", "date", "summary"}]}; dates are ISO 8601 UTC when they parse. Nothing if xml is not
/// a feed. A cut-off document yields the items before the cut and "error".
std::optional<nlohmann::json> parseFeed(const QByteArray &xml, const QUrl &base);

} // namespace nightshift
