#include "webcontent.h"

#include "../event.h"

#include <QDateTime>
#include <QSet>
#include <QXmlStreamReader>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <array>
#include <memory>
#include <string_view>

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

using namespace std::string_view_literals;
using Json = nlohmann::json;

// Dropped with everything inside: not text a reader sees.
constexpr std::array SkippedElements{"script"sv,
                                     "style"sv,
                                     "noscript"sv,
                                     "template"sv,
                                     "svg"sv,
                                     "head"sv,
                                     "iframe"sv,
                                     "object"sv,
                                     "canvas"sv};
// Separated from what is around them by a blank line.
constexpr std::array ParagraphElements{
    "p"sv,          "h1"sv,       "h2"sv,      "h3"sv,      "h4"sv,    "h5"sv,   "h6"sv,
    "blockquote"sv, "pre"sv,      "table"sv,   "ul"sv,      "ol"sv,    "dl"sv,   "section"sv,
    "article"sv,    "header"sv,   "footer"sv,  "nav"sv,     "aside"sv, "main"sv, "figure"sv,
    "form"sv,       "fieldset"sv, "address"sv, "details"sv, "hr"sv};
// On a line of their own.
constexpr std::array LineElements{
    "div"sv, "li"sv, "tr"sv, "dt"sv, "dd"sv, "figcaption"sv, "summary"sv, "caption"sv, "br"sv};

template<std::size_t N>
bool isOneOf(std::string_view name, const std::array<std::string_view, N> &names)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string_view nameOf(const xmlNode *node)
{
    return node->name ? std::string_view(reinterpret_cast<const char *>(node->name))
                      : std::string_view();
}

QString attribute(const xmlNode *node, const char *name)
{
    xmlChar *value = xmlGetProp(node, reinterpret_cast<const xmlChar *>(name));
    if (!value)
        return {};
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(value));
    xmlFree(value);
    return text;
}

// Builds text the way a browser lays it out: runs of white space become one space, blocks
// start new lines, and no more than one blank line in a row.
class TextWriter
{
public:
    void write(const char *utf8, bool preformatted)
    {
        const QString text = QString::fromUtf8(utf8);
        for (const QChar c : text) {
            if (preformatted) {
                m_out += c;
                m_newlines = c == u'\n' ? m_newlines + 1 : 0;
                continue;
            }
            if (c.isSpace()) {
                m_space = true;
                continue;
            }
            if (m_space && m_newlines == 0)
                m_out += u' ';
            m_space = false;
            m_out += c;
            m_newlines = 0;
        }
    }

    void breakLines(int count)
    {
        m_space = false;
        while (m_newlines < count) {
            m_out += u'\n';
            ++m_newlines;
        }
    }

    void writeMarker(const QString &marker)
    {
        m_out += marker;
        m_newlines = 0;
        m_space = false;
    }

    bool atLineStart() const { return m_newlines > 0; }
    qsizetype position() const { return m_out.size(); }
    QString from(qsizetype position) const { return m_out.mid(position).simplified(); }
    QString text() const { return m_out.trimmed(); }

private:
    QString m_out;
    // Starts as if after a blank line, so the text does not open with empty lines.
    int m_newlines = 2;
    bool m_space = false;
};

class HtmlWalker
{
public:
    explicit HtmlWalker(const QUrl &base)
        : m_base(base)
    {}

    void walk(xmlNode *root)
    {
        xmlNode *node = root;
        while (node) {
            if (enter(node) && node->children) {
                node = node->children;
                continue;
            }
            while (node) {
                leave(node);
                if (node == root) {
                    node = nullptr;
                } else if (node->next) {
                    node = node->next;
                    break;
                } else {
                    node = node->parent;
                }
            }
        }
    }

    QString title;
    TextWriter writer;
    Json links = Json::array();

private:
    // Returns whether to descend into the node's children.
    bool enter(const xmlNode *node)
    {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            if (node->content)
                writer.write(reinterpret_cast<const char *>(node->content), m_preformatted > 0);
            return false;
        }
        if (node->type != XML_ELEMENT_NODE)
            return node->type == XML_DOCUMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE;
        const std::string_view name = nameOf(node);
        if (name == "head"sv && title.isEmpty())
            title = titleIn(node);
        if (isOneOf(name, SkippedElements))
            return false;
        if (isOneOf(name, ParagraphElements))
            writer.breakLines(2);
        else if (isOneOf(name, LineElements))
            writer.breakLines(1);
        if (name == "li"sv)
            writer.writeMarker(u"- "_s);
        else if ((name == "td"sv || name == "th"sv) && !writer.atLineStart())
            writer.writeMarker(u" | "_s);
        else if (name == "pre"sv)
            ++m_preformatted;
        else if (name == "a"sv)
            m_linkStarts.append({node, writer.position()});
        return true;
    }

    void leave(const xmlNode *node)
    {
        if (node->type != XML_ELEMENT_NODE)
            return;
        const std::string_view name = nameOf(node);
        if (isOneOf(name, SkippedElements))
            return;
        if (name == "pre"sv)
            --m_preformatted;
        if (name == "a"sv && !m_linkStarts.isEmpty() && m_linkStarts.last().first == node)
            addLink(node, m_linkStarts.takeLast().second);
        if (isOneOf(name, ParagraphElements))
            writer.breakLines(2);
        else if (isOneOf(name, LineElements))
            writer.breakLines(1);
    }

    void addLink(const xmlNode *node, qsizetype start)
    {
        if (int(links.size()) >= MaxLinks)
            return;
        const QString href = attribute(node, "href").trimmed();
        const QUrl url = m_base.resolved(QUrl(href));
        const QString scheme = url.scheme();
        if (href.isEmpty() || href.startsWith(u'#') || (scheme != u"http" && scheme != u"https"))
            return;
        const QString target = url.toString(QUrl::FullyEncoded);
        if (m_seenLinks.contains(target))
            return;
        m_seenLinks.insert(target);
        links.push_back(
            {{"text", writer.from(start).toStdString()}, {"url", target.toStdString()}});
    }

    static QString titleIn(const xmlNode *head)
    {
        for (const xmlNode *child = head->children; child; child = child->next) {
            if (child->type == XML_ELEMENT_NODE && nameOf(child) == "title"sv)
                return elementText(child);
        }
        return {};
    }

    static QString elementText(const xmlNode *node)
    {
        xmlChar *content = xmlNodeGetContent(node);
        if (!content)
            return {};
        const QString text
            = QString::fromUtf8(reinterpret_cast<const char *>(content)).simplified();
        xmlFree(content);
        return text;
    }

    QUrl m_base;
    int m_preformatted = 0;
    QList<std::pair<const xmlNode *, qsizetype>> m_linkStarts;
    QSet<QString> m_seenLinks;
};

struct DocFree
{
    void operator()(xmlDoc *doc) const { xmlFreeDoc(doc); }
};

QString cut(const QString &text, qsizetype chars)
{
    if (text.size() <= chars)
        return text;
    qsizetype end = chars;
    if (text.at(end - 1).isHighSurrogate())
        --end;
    return text.left(end) + u'…';
}

QString feedDate(const QString &text)
{
    QString value = text.trimmed();
    // Feeds often write the zone as a name, which RFC 2822 parsing in Qt does not take.
    for (const QString &utc : {u" GMT"_s, u" UTC"_s, u" UT"_s, u" Z"_s}) {
        if (value.endsWith(utc)) {
            value = value.left(value.size() - utc.size()) + u" +0000"_s;
            break;
        }
    }
    for (const Qt::DateFormat format : {Qt::RFC2822Date, Qt::ISODateWithMs}) {
        const QDateTime time = QDateTime::fromString(value, format);
        if (time.isValid())
            return isoTimestamp(time.toMSecsSinceEpoch());
    }
    return text.trimmed();
}

QString plainOrHtml(const QString &text)
{
    if (text.contains(u'<') || text.contains(u'&'))
        return htmlFragmentToText(text);
    return text.simplified();
}

// One item or entry as it is read, before it becomes JSON.
struct FeedItem
{
    QString title;
    QString link;
    QString guid;
    QString date;
    bool datePublished = false;
    QString summary;
    QString content;

    Json toJson(const QUrl &base) const
    {
        QString url = link.isEmpty() && guid.startsWith(u"http"_s) ? guid : link;
        if (!url.isEmpty())
            url = base.resolved(QUrl(url)).toString(QUrl::FullyEncoded);
        const QString text = summary.isEmpty() ? content : summary;
        return {{"title", title.toStdString()},
                {"link", url.toStdString()},
                {"date", feedDate(date).toStdString()},
                {"summary", cut(plainOrHtml(text), MaxSummaryChars).toStdString()}};
    }
};

void readItemField(QXmlStreamReader &reader, FeedItem &item)
{
    const QStringView name = reader.name();
    const QStringView prefix = reader.prefix();
    const auto text = [&reader] {
        return reader.readElementText(QXmlStreamReader::IncludeChildElements);
    };
    if (prefix == u"dc" && name == u"date") {
        item.date = text();
        item.datePublished = true;
        return;
    }
    if (prefix == u"content" && name == u"encoded") {
        item.content = text();
        return;
    }
    // Anything else (author, source, media:…) is skipped whole, so its own titles and links
    // do not overwrite the item's.
    if (!prefix.isEmpty()) {
        reader.skipCurrentElement();
        return;
    }
    if (name == u"title") {
        item.title = plainOrHtml(text());
    } else if (name == u"link") {
        // Atom puts the URL in href; the page is the link without rel, or rel="alternate".
        const QXmlStreamAttributes attributes = reader.attributes();
        const QStringView rel = attributes.value(QLatin1String("rel"));
        if (attributes.hasAttribute(QLatin1String("href"))) {
            if (item.link.isEmpty() && (rel.isEmpty() || rel == u"alternate"))
                item.link = attributes.value(QLatin1String("href")).toString().trimmed();
            reader.skipCurrentElement();
        } else {
            item.link = text().trimmed();
        }
    } else if (name == u"guid" || name == u"id") {
        item.guid = text().trimmed();
    } else if (name == u"pubDate" || name == u"published") {
        item.date = text();
        item.datePublished = true;
    } else if (name == u"updated") {
        if (!item.datePublished)
            item.date = text();
    } else if (name == u"description" || name == u"summary") {
        item.summary = text();
    } else if (name == u"content") {
        item.content = text();
    } else {
        reader.skipCurrentElement();
    }
}

} // namespace

nlohmann::json htmlToText(const QByteArray &html, const QByteArray &charset, const QUrl &base)
{
    // libxml2 asks for one call before threads use it; a static makes it exactly one.
    static const bool initialised = [] {
        xmlInitParser();
        return true;
    }();
    Q_UNUSED(initialised);

    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                        | HTML_PARSE_NONET | HTML_PARSE_COMPACT;
    const std::unique_ptr<xmlDoc, DocFree> doc(
        htmlReadMemory(html.constData(),
                       int(html.size()),
                       base.toString(QUrl::FullyEncoded).toUtf8().constData(),
                       charset.isEmpty() ? nullptr : charset.constData(),
                       options));
    HtmlWalker walker(base);
    if (doc)
        walker.walk(reinterpret_cast<xmlNode *>(doc.get()));
    return {{"title", walker.title.toStdString()},
            {"text", walker.writer.text().toStdString()},
            {"links", walker.links}};
}

QString htmlFragmentToText(const QString &html)
{
    const Json page = htmlToText(html.toUtf8(), "UTF-8", QUrl());
    return QString::fromStdString(page["text"].get<std::string>()).simplified();
}

std::optional<nlohmann::json> parseFeed(const QByteArray &xml, const QUrl &base)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd() && !reader.isStartElement())
        reader.readNext();
    if (!reader.isStartElement())
        return std::nullopt;
    const QStringView root = reader.name();
    const bool atom = root == u"feed";
    if (!atom && root != u"rss" && root != u"RDF")
        return std::nullopt;

    QString title;
    Json items = Json::array();
    std::optional<FeedItem> item;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isEndElement() && item && (reader.name() == u"item" || reader.name() == u"entry")
            && reader.prefix().isEmpty()) {
            if (int(items.size()) < MaxFeedItems)
                items.push_back(item->toJson(base));
            item.reset();
            continue;
        }
        if (!reader.isStartElement())
            continue;
        if (reader.prefix().isEmpty() && (reader.name() == u"item" || reader.name() == u"entry")) {
            item.emplace();
        } else if (item) {
            readItemField(reader, *item);
        } else if (reader.prefix().isEmpty() && reader.name() == u"title" && title.isEmpty()) {
            title = plainOrHtml(reader.readElementText(QXmlStreamReader::IncludeChildElements));
        }
    }

    Json feed = {{"format", atom ? "atom" : "rss"},
                 {"title", title.toStdString()},
                 {"items", std::move(items)}};
    if (reader.hasError()) {
        feed["error"] = u"XML error at line %1: %2"_s.arg(reader.lineNumber())
                            .arg(reader.errorString())
                            .toStdString();
    }
    return feed;
}

} // namespace nightshift
