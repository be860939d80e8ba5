#include "tools/httpfetchtool.h"
#include "tools/webcontent.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <map>
#include <optional>

using namespace nightshift;
using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

const QByteArray Page = R"(<!DOCTYPE html>
<html><head><title>Night &amp; Day</title><style>p { color: red }</style>
<script>var hidden = "script text";</script></head>
<body>
<h1>Headline</h1>
<p>First   paragraph
with <b>bold</b> text and a <a href="/next.html">relative link</a>.</p>
<ul><li>one</li><li>two</li></ul>
<table><tr><td>a</td><td>b</td></tr></table>
<pre>  keep
   spacing</pre>
<p>Café €</p>
<noscript>enable scripts</noscript>
</body></html>)";

const QString PageText = u"Headline\n\nFirst paragraph with bold text and a relative link.\n\n"
                         "- one\n- two\n\na | b\n\n  keep\n   spacing\n\nCafé €"_s;

const QByteArray Rss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Night News</title>
  <link>http://example.org/</link>
  <description>News at night</description>
  <image><title>Logo</title><url>http://example.org/logo.png</url></image>
  <item>
    <title>First story</title>
    <link>http://example.org/1</link>
    <pubDate>Mon, 24 Nov 2025 09:30:00 GMT</pubDate>
    <description>&lt;p&gt;Summary &lt;b&gt;one&lt;/b&gt;&lt;/p&gt;</description>
  </item>
  <item>
    <title>Second &amp; last</title>
    <link>/2</link>
    <dc:date>2025-11-23T08:00:00+01:00</dc:date>
    <description><![CDATA[Plain <i>two</i>]]></description>
  </item>
</channel>
</rss>)";

const QByteArray Atom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Atom Log</title>
  <link href="http://example.org/" rel="alternate"/>
  <updated>2025-11-24T10:00:00Z</updated>
  <entry>
    <title>Entry one</title>
    <link rel="self" href="http://example.org/self/1"/>
    <link rel="alternate" href="http://example.org/e1"/>
    <id>urn:uuid:1</id>
    <updated>2025-11-24T10:00:00Z</updated>
    <published>2025-11-20T10:00:00Z</published>
    <author><name>Ann</name><uri>http://example.org/ann</uri></author>
    <summary type="html">&lt;p&gt;First &amp;amp; foremost&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title type="html">Entry &lt;em&gt;two&lt;/em&gt;</title>
    <link href="e2"/>
    <updated>2025-11-21T10:00:00.500Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Inline <b>xhtml</b> body</p></div></content>
  </entry>
</feed>)";

struct Response
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QByteArray location;
    bool stall = false; ///< Send the head and a little of the body, then nothing more.
};

// A one-request-per-connection HTTP/1.1 server on 127.0.0.1 that answers from a table of paths.
class LocalHttpServer : public QObject
{
public:
    LocalHttpServer()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                QObject::connect(
                    socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QString url(const QString &path) const
    {
        return u"http://127.0.0.1:%1%2"_s.arg(m_server.serverPort()).arg(path);
    }

    std::map<QByteArray, Response> routes;
    QList<QByteArray> requests; ///< "METHOD path", in order.
    QByteArray lastBody;
    QByteArray lastContentType;

private:
    // Answers every complete request in the socket's buffer; the connection stays open for
    // more, as HTTP/1.1 keep-alive clients expect.
    void serve(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
            qsizetype length = 0;
            QByteArray contentType;
            for (const QByteArray &line : lines) {
                const QByteArray lower = line.trimmed().toLower();
                if (lower.startsWith("content-length:"))
                    length = lower.mid(15).trimmed().toLongLong();
                if (lower.startsWith("content-type:"))
                    contentType = line.trimmed().mid(13).trimmed();
            }
            if (buffer.size() < headEnd + 4 + length)
                return;
            const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
            const QByteArray method = requestLine.value(0);
            const QByteArray path = requestLine.value(1);
            requests.append(method + ' ' + path);
            lastBody = buffer.mid(headEnd + 4, length);
            lastContentType = contentType;
            buffer.remove(0, headEnd + 4 + length);
            socket->write(answer(method, path, contentType));
        }
    }

    QByteArray answer(const QByteArray &method, const QByteArray &path, const QByteArray &type)
    {
        Response response;
        if (path == "/echo") {
            response.contentType = "application/json";
            response.body = QByteArray::fromStdString(Json{
                {"method", method.toStdString()},
                {"body", lastBody.toStdString()},
                {"content_type", type.toStdString()}}.dump());
        } else if (const auto route = routes.find(path); route != routes.end()) {
            response = route->second;
        } else {
            response
                = {404, "text/html", "<html><body><p>No such page</p></body></html>", {}, false};
        }
        QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + " Status\r\n";
        head += "Content-Type: " + response.contentType + "\r\n";
        if (!response.location.isEmpty())
            head += "Location: " + response.location + "\r\n";
        // A stalled answer promises more body than it ever sends.
        const qsizetype promised = response.body.size() + (response.stall ? 100'000 : 0);
        head += "Content-Length: " + QByteArray::number(promised) + "\r\n\r\n";
        return head + response.body;
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace

class TestHttpFetch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void reducesHtmlToText();
    void parsesRss();
    void parsesAtom();
    void followsFewRedirects();
    void stopsARedirectLoop();
    void stopsTooLongARedirectChain();
    void refusesARedirectToAnotherScheme();
    void refusesOtherSchemes_data();
    void refusesOtherSchemes();
    void capsTheBody();
    void timesOutASlowBody();
    void stopsWhenCancelled();
    void postsABody();
    void returnsHttpErrorsAsAnswers();
    void returnsOtherTextAndBinary();
    void hidesCredentialsInTheUrl();
    void keepsFeedItemsBeforeACut();
    void survivesDeepAndBrokenHtml();
    void honoursTheServersCharset();

private:
    Result<Json> fetch(const Json &arguments, std::shared_ptr<std::atomic_bool> cancelled = {});

    LocalHttpServer m_server;
    HttpFetchTool m_tool;
    QThreadPool m_pool;
    QObject m_context;
};

void TestHttpFetch::initTestCase()
{
    QVERIFY(m_server.listen());
    m_server.routes["/page.html"] = {200, "text/html; charset=utf-8", Page, {}, false};
    m_server.routes["/rss.xml"] = {200, "application/rss+xml", Rss, {}, false};
    m_server.routes["/atom.xml"] = {200, "application/atom+xml; charset=utf-8", Atom, {}, false};
    m_server.routes["/feed-untyped"] = {200, "text/plain", Rss, {}, false};
    for (int i = 1; i <= 6; ++i) {
        const QByteArray next = i == 1 ? "/page.html" : "/redirect/" + QByteArray::number(i - 1);
        m_server.routes["/redirect/" + QByteArray::number(i)] = {302, "text/html", {}, next, false};
    }
    m_server.routes["/loop"] = {302, "text/html", {}, "/loop", false};
    m_server.routes["/to-file"] = {302, "text/html", {}, "file:///etc/passwd", false};
    m_server.routes["/big"] = {200, "text/plain", QByteArray(3 * 1024 * 1024, 'x'), {}, false};
    m_server.routes["/slow"] = {200, "text/plain", "the start", {}, true};
    m_server.routes["/data.json"] = {200, "application/json", R"({"ok": true})", {}, false};
    m_server.routes["/image.png"]
        = {200, "image/png", QByteArray("\x89PNG\r\n\x1a\n\0\0", 10), {}, false};
    m_server.routes["/latin1"]
        = {200, "text/html; charset=iso-8859-1", "<p>caf\xe9</p>", {}, false};
}

void TestHttpFetch::init()
{
    m_server.requests.clear();
}

Result<Json> TestHttpFetch::fetch(const Json &arguments,
                                  std::shared_ptr<std::atomic_bool> cancelled)
{
    ToolCall call;
    call.arguments = arguments;
    call.pool = &m_pool;
    call.context = &m_context;
    if (cancelled)
        call.cancelled = cancelled;
    std::optional<Result<Json>> result;
    m_tool.invoke(call, [&result](Result<Json> done) { result = std::move(done); });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 15'000))
        return makeError(ErrorCode::Internal, u"http_fetch did not answer"_s);
    return *result;
}

void TestHttpFetch::reducesHtmlToText()
{
    const Result<Json> result = fetch({{"url", m_server.url(u"/page.html"_s).toStdString()}});
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    QCOMPARE(result->at("status").get<int>(), 200);
    QCOMPARE(result->at("kind").get<std::string>(), std::string("html"));
    QCOMPARE(result->at("content_type").get<std::string>(),
             std::string("text/html; charset=utf-8"));
    QCOMPARE(QString::fromStdString(result->at("url")), m_server.url(u"/page.html"_s));
    QCOMPARE(result->at("truncated").get<bool>(), false);
    QCOMPARE(QString::fromStdString(result->at("title")), u"Night & Day"_s);
    QCOMPARE(QString::fromStdString(result->at("text")), PageText);
    const Json expectedLinks
        = {{{"text", "relative link"}, {"url", m_server.url(u"/next.html"_s).toStdString()}}};
    QCOMPARE(result->at("links").dump(), expectedLinks.dump());
    QCOMPARE(m_server.requests, QList<QByteArray>({"GET /page.html"}));
}

void TestHttpFetch::parsesRss()
{
    for (const QString &path : {u"/rss.xml"_s, u"/feed-untyped"_s}) {
        const Result<Json> result = fetch({{"url", m_server.url(path).toStdString()}});
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        QCOMPARE(result->at("kind").get<std::string>(), std::string("feed"));
        QCOMPARE(result->at("format").get<std::string>(), std::string("rss"));
        QCOMPARE(result->at("title").get<std::string>(), std::string("Night News"));
        const Json expected = Json::array({{{"title", "First story"},
                                            {"link", "http://example.org/1"},
                                            {"date", "2025-11-24T09:30:00.000Z"},
                                            {"summary", "Summary one"}},
                                           {{"title", "Second & last"},
                                            {"link", m_server.url(u"/2"_s).toStdString()},
                                            {"date", "2025-11-23T07:00:00.000Z"},
                                            {"summary", "Plain two"}}});
        QCOMPARE(result->at("items").dump(), expected.dump());
        QVERIFY(!result->contains("error"));
    }
}

void TestHttpFetch::parsesAtom()
{
    const Result<Json> result = fetch({{"url", m_server.url(u"/atom.xml"_s).toStdString()}});
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    QCOMPARE(result->at("format").get<std::string>(), std::string("atom"));
    QCOMPARE(result->at("title").get<std::string>(), std::string("Atom Log"));
    const Json expected = Json::array({{{"title", "Entry one"},
                                        {"link", "http://example.org/e1"},
                                        {"date", "2025-11-20T10:00:00.000Z"},
                                        {"summary", "First & foremost"}},
                                       {{"title", "Entry two"},
                                        {"link", m_server.url(u"/e2"_s).toStdString()},
                                        {"date", "2025-11-21T10:00:00.500Z"},
                                        {"summary", "Inline xhtml body"}}});
    QCOMPARE(result->at("items").dump(), expected.dump());
}

void TestHttpFetch::followsFewRedirects()
{
    const Result<Json> result = fetch({{"url", m_server.url(u"/redirect/5"_s).toStdString()}});
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    QCOMPARE(QString::fromStdString(result->at("url")), m_server.url(u"/page.html"_s));
    QCOMPARE(QString::fromStdString(result->at("title")), u"Night & Day"_s);
    QCOMPARE(m_server.requests.size(), 6);
}

void TestHttpFetch::stopsARedirectLoop()
{
    const Result<Json> result = fetch({{"url", m_server.url(u"/loop"_s).toStdString()}});
    QVERIFY(!result.ok());
    QVERIFY2(result.errorMessage().contains(u"redirected more than 5 times"_s),
             qPrintable(result.errorMessage()));
    QCOMPARE(m_server.requests.size(), 6);
}

void TestHttpFetch::stopsTooLongARedirectChain()
{
    const Result<Json> result = fetch({{"url", m_server.url(u"/redirect/6"_s).toStdString()}});
    QVERIFY(!result.ok());
    QVERIFY2(result.errorMessage().contains(u"redirected more than 5 times"_s),
             qPrintable(result.errorMessage()));
    QVERIFY(!m_server.requests.contains("GET /page.html"));
}

void TestHttpFetch::refusesARedirectToAnotherScheme()
{
    const Result<Json> result = fetch({{"url", m_server.url(u"/to-file"_s).toStdString()}});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(
        result.errorMessage().contains(u"redirected to file:///etc/passwd, which is not http"_s),
        qPrintable(result.errorMessage()));
}

void TestHttpFetch::refusesOtherSchemes_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("message");
    QTest::newRow("file") << u"file:///etc/passwd"_s << u"http and https URLs only, not file:"_s;
    QTest::newRow("ftp") << u"ftp://127.0.0.1/x"_s << u"not ftp:"_s;
    QTest::newRow("data") << u"data:text/plain,hi"_s << u"not data:"_s;
    QTest::newRow("no scheme") << u"example.org/page"_s << u"not a URL without a scheme"_s;
    QTest::newRow("no host") << u"http:///page"_s << u"is not a valid URL"_s;
}

void TestHttpFetch::refusesOtherSchemes()
{
    QFETCH(QString, url);
    QFETCH(QString, message);
    const Result<Json> result = fetch({{"url", url.toStdString()}});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(result.errorMessage().contains(message), qPrintable(result.errorMessage()));
    QVERIFY(m_server.requests.isEmpty());
}

void TestHttpFetch::capsTheBody()
{
    const Result<Json> result
        = fetch({{"url", m_server.url(u"/big"_s).toStdString()}, {"max_bytes", 1000}});
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    QCOMPARE(result->at("truncated").get<bool>(), true);
    QCOMPARE(result->at("bytes").get<int>(), 1000);
    QCOMPARE(result->at("text").get<std::string>(), std::string(1000, 'x'));

    const Result<Json> whole = fetch({{"url", m_server.url(u"/big"_s).toStdString()}});
    QVERIFY2(whole.ok(), qPrintable(whole.errorMessage()));
    QCOMPARE(whole->at("truncated").get<bool>(), true);
    QCOMPARE(whole->at("bytes").get<qint64>(), HttpFetchTool::DefaultMaxBytes);
}

void TestHttpFetch::timesOutASlowBody()
{
    const Result<Json> result
        = fetch({{"url", m_server.url(u"/slow"_s).toStdString()}, {"timeout_seconds", 0.3}});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::Timeout);
    QVERIFY2(result.errorMessage().contains(u"within 0.3 s"_s), qPrintable(result.errorMessage()));
}

void TestHttpFetch::stopsWhenCancelled()
{
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    // Cancel once the server has the request, whatever the machine's speed.
    QObject watcher;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &watcher, [this, cancelled] {
        if (!m_server.requests.isEmpty())
            cancelled->store(true);
    });
    poll.start(10);
    const Result<Json> result = fetch(
        {{"url", m_server.url(u"/slow"_s).toStdString()}, {"timeout_seconds", 60}}, cancelled);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::Cancelled);
}

void TestHttpFetch::postsABody()
{
    const Result<Json> result = fetch({{"url", m_server.url(u"/echo"_s).toStdString()},
                                       {"method", "POST"},
                                       {"body", R"({"q": "night"})"}});
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    QCOMPARE(result->at("kind").get<std::string>(), std::string("text"));
    const Json echoed = Json::parse(result->at("text").get<std::string>());
    QCOMPARE(echoed.at("method").get<std::string>(), std::string("POST"));
    QCOMPARE(echoed.at("body").get<std::string>(), std::string(R"({"q": "night"})"));
    QCOMPARE(echoed.at("content_type").get<std::string>(), std::string("application/json"));
}

void TestHttpFetch::returnsHttpErrorsAsAnswers()
{
    const Result<Json> result = fetch({{"url", m_server.url(u"/nowhere"_s).toStdString()}});
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    QCOMPARE(result->at("status").get<int>(), 404);
    QCOMPARE(result->at("text").get<std::string>(), std::string("No such page"));
}

void TestHttpFetch::returnsOtherTextAndBinary()
{
    const Result<Json> json = fetch({{"url", m_server.url(u"/data.json"_s).toStdString()}});
    QVERIFY2(json.ok(), qPrintable(json.errorMessage()));
    QCOMPARE(json->at("kind").get<std::string>(), std::string("text"));
    QCOMPARE(json->at("text").get<std::string>(), std::string(R"({"ok": true})"));

    const Result<Json> image = fetch({{"url", m_server.url(u"/image.png"_s).toStdString()}});
    QVERIFY2(image.ok(), qPrintable(image.errorMessage()));
    QCOMPARE(image->at("kind").get<std::string>(), std::string("binary"));
    QVERIFY(!image->contains("text"));
    QCOMPARE(image->at("bytes").get<int>(), 10);
}

void TestHttpFetch::hidesCredentialsInTheUrl()
{
    QString url = m_server.url(u"/nowhere"_s);
    url.replace(u"http://"_s, u"http://ann:hunter2@"_s);
    const Result<Json> result = fetch({{"url", url.toStdString()}});
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    QVERIFY(!QString::fromStdString(result->dump()).contains(u"hunter2"_s));

    const Result<Json> refused = fetch({{"url", "ftp://ann:hunter2@127.0.0.1/x"}});
    QVERIFY(!refused.ok());
    QVERIFY(!refused.errorMessage().contains(u"hunter2"_s));
}

void TestHttpFetch::keepsFeedItemsBeforeACut()
{
    const qsizetype cut = Rss.indexOf("<item>", Rss.indexOf("</item>"));
    const std::optional<Json> feed = parseFeed(Rss.left(cut + 20), QUrl(u"http://x/"_s));
    QVERIFY(feed.has_value());
    QCOMPARE(feed->at("items").size(), std::size_t(1));
    QCOMPARE(feed->at("items")[0].at("title").get<std::string>(), std::string("First story"));
    QVERIFY(feed->contains("error"));

    QVERIFY(!parseFeed("<html><body>not a feed</body></html>", QUrl()).has_value());
    QVERIFY(!parseFeed("not xml at all", QUrl()).has_value());
}

void TestHttpFetch::survivesDeepAndBrokenHtml()
{
    QByteArray deep;
    for (int i = 0; i < 50'000; ++i)
        deep += "<div><span>";
    deep += "bottom";
    const Json page = htmlToText(deep, {}, QUrl());
    QVERIFY(page.at("text").is_string());

    const Json broken = htmlToText("<p>one<p>two<li>three</b></i><table><td>x", {}, QUrl());
    QCOMPARE(QString::fromStdString(broken.at("text")), u"one\n\ntwo\n\n- three\n\nx"_s);
}

void TestHttpFetch::honoursTheServersCharset()
{
    const Result<Json> result = fetch({{"url", m_server.url(u"/latin1"_s).toStdString()}});
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    QCOMPARE(QString::fromStdString(result->at("text")), u"café"_s);
}

QTEST_GUILESS_MAIN(TestHttpFetch)
#include "tst_httpfetch.moc"
