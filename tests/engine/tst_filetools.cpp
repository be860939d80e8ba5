#include "tools/allowedpaths.h"
#include "tools/filereadtool.h"
#include "tools/filewritetool.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <optional>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace nightshift;
using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
           && file.write(content) == content.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestFileTools : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void resolvesInside_data();
    void resolvesInside();
    void refusesEscapes_data();
    void refusesEscapes();
    void refusesWithoutAllowedFolders();
    void writesIntoANewSubfolder();
    void appends();
    void overwriteReplacesTheWholeFile();
    void refusesAWriteThroughASymlinkOutside();
    void capsWriteSizes();
    void readCutsAtMaxBytesOnACharacterBoundary();
    void readRefusesFoldersBinariesAndMissingFiles();
    void readRefusesAPipe();
    void writeRefusesAFolder();

private:
    Result<Json> call(BlockingTool &tool, const Json &arguments);

    std::optional<QTemporaryDir> m_dir;
    QString m_allowed;
    QString m_outside;
};

void TestFileTools::init()
{
    // Resolved, so that expected paths compare equal even when the temp folder is a link.
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
    const QString base = QFileInfo(m_dir->path()).canonicalFilePath();
    m_allowed = base + u"/allowed"_s;
    m_outside = base + u"/outside"_s;
    QVERIFY(QDir().mkpath(m_allowed + u"/sub"_s));
    QVERIFY(QDir().mkpath(m_outside));
    QVERIFY(QDir().mkpath(base + u"/allowed-twin"_s));
    QVERIFY(writeFile(m_allowed + u"/notes.txt"_s, "inside"));
    QVERIFY(writeFile(m_outside + u"/secret.txt"_s, "outside"));
    QVERIFY(writeFile(base + u"/allowed-twin/f.txt"_s, "twin"));
    QVERIFY(QFile::link(m_outside, m_allowed + u"/out-link"_s));
    QVERIFY(QFile::link(m_outside + u"/secret.txt"_s, m_allowed + u"/secret-link"_s));
    QVERIFY(QFile::link(m_outside + u"/nothing-yet.txt"_s, m_allowed + u"/dangling"_s));
    QVERIFY(QFile::link(m_allowed + u"/notes.txt"_s, m_allowed + u"/sub/notes-link"_s));
}

Result<Json> TestFileTools::call(BlockingTool &tool, const Json &arguments)
{
    QObject context;
    QThreadPool pool;
    ToolCall call;
    call.arguments = arguments;
    call.allowedPaths = {m_allowed};
    call.pool = &pool;
    call.context = &context;
    std::optional<Result<Json>> result;
    tool.invoke(call, [&result](Result<Json> done) { result = std::move(done); });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10'000))
        return makeError(ErrorCode::Timeout, u"the tool did not answer"_s);
    return *result;
}

void TestFileTools::resolvesInside_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("exists");
    QTest::newRow("absolute") << u"@/notes.txt"_s << u"@/notes.txt"_s << true;
    QTest::newRow("relative to the first folder") << u"notes.txt"_s << u"@/notes.txt"_s << true;
    QTest::newRow("the folder itself") << u"@"_s << u"@"_s << true;
    QTest::newRow(".. that stays inside") << u"@/sub/../notes.txt"_s << u"@/notes.txt"_s << true;
    QTest::newRow("link inside to inside") << u"@/sub/notes-link"_s << u"@/notes.txt"_s << true;
    QTest::newRow("new file") << u"@/new.txt"_s << u"@/new.txt"_s << false;
    QTest::newRow("new file in new folders") << u"a/b/c.txt"_s << u"@/a/b/c.txt"_s << false;
    QTest::newRow("dot and double slash") << u"@/./sub//x.txt"_s << u"@/sub/x.txt"_s << false;
}

void TestFileTools::resolvesInside()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    QFETCH(bool, exists);
    const Result<AllowedPath> resolved
        = resolveAllowedPath(path.replace(u'@', m_allowed), {m_allowed + u"/"_s});
    QVERIFY2(resolved.ok(), qPrintable(resolved.errorMessage()));
    QCOMPARE(resolved->resolved, expected.replace(u'@', m_allowed));
    QCOMPARE(resolved->root, m_allowed);
    QCOMPARE(resolved->exists, exists);
}

void TestFileTools::refusesEscapes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::newRow(".. to an existing file")
        << u"@/../outside/secret.txt"_s << u"is outside the allowed folders (@)"_s;
    QTest::newRow(".. to a new file") << u"@/../new.txt"_s << u"outside the allowed folders"_s;
    QTest::newRow("relative ..") << u"../outside/secret.txt"_s << u"outside the allowed folders"_s;
    QTest::newRow(".. past a missing folder")
        << u"@/missing/../../outside/x.txt"_s << u"\"..\" after a folder that does not exist"_s;
    QTest::newRow("folder link to outside")
        << u"@/out-link/secret.txt"_s << u"resolves to #/secret.txt, outside"_s;
    QTest::newRow("new file through a folder link")
        << u"@/out-link/new.txt"_s << u"resolves to #/new.txt, outside"_s;
    QTest::newRow("file link to outside") << u"@/secret-link"_s << u"resolves to #/secret.txt"_s;
    QTest::newRow("dangling link to outside")
        << u"@/dangling"_s << u"is a symbolic link to #/nothing-yet.txt, which does not exist"_s;
    QTest::newRow("a sibling sharing the prefix")
        << u"@-twin/f.txt"_s << u"outside the allowed folders"_s;
    QTest::newRow("absolute elsewhere") << u"/etc/passwd"_s << u"outside the allowed folders"_s;
    QTest::newRow("empty") << QString() << u"the path is empty"_s;
}

void TestFileTools::refusesEscapes()
{
    QFETCH(QString, path);
    QFETCH(QString, message);
    const Result<AllowedPath> resolved
        = resolveAllowedPath(path.replace(u'@', m_allowed), {m_allowed});
    QVERIFY(!resolved.ok());
    QCOMPARE(resolved.error().code, ErrorCode::InvalidArgument);
    message.replace(u'#', m_outside).replace(u'@', m_allowed);
    QVERIFY2(resolved.errorMessage().contains(message), qPrintable(resolved.errorMessage()));
}

void TestFileTools::refusesWithoutAllowedFolders()
{
    const Result<AllowedPath> none = resolveAllowedPath(m_allowed + u"/notes.txt"_s, {});
    QVERIFY(!none.ok());
    QVERIFY(none.errorMessage().contains(u"agent_config.allowed_paths"_s));

    const Result<AllowedPath> gone = resolveAllowedPath(u"x.txt"_s, {m_allowed + u"/gone"_s});
    QVERIFY(!gone.ok());
    QCOMPARE(gone.error().code, ErrorCode::NotFound);
    QVERIFY2(gone.errorMessage().contains(u"none of the allowed folders exists"_s),
             qPrintable(gone.errorMessage()));
}

void TestFileTools::writesIntoANewSubfolder()
{
    FileWriteTool writer;
    const Result<Json> written
        = call(writer, {{"path", "reports/2026/11/day.md"}, {"content", "# Report\nAll quiet."}});
    QVERIFY2(written.ok(), qPrintable(written.errorMessage()));
    const QString path = m_allowed + u"/reports/2026/11/day.md"_s;
    QCOMPARE(QString::fromStdString(written->at("path")), path);
    QCOMPARE(written->at("created").get<bool>(), true);
    QCOMPARE(written->at("bytes_written").get<int>(), 19);
    QCOMPARE(readFile(path), QByteArray("# Report\nAll quiet."));

    FileReadTool reader;
    const Result<Json> read = call(reader, {{"path", path.toStdString()}});
    QVERIFY2(read.ok(), qPrintable(read.errorMessage()));
    QCOMPARE(read->at("text").get<std::string>(), std::string("# Report\nAll quiet."));
    QCOMPARE(read->at("truncated").get<bool>(), false);
    QCOMPARE(read->at("size").get<int>(), 19);
}

void TestFileTools::appends()
{
    FileWriteTool writer;
    QVERIFY(call(writer, {{"path", "log.txt"}, {"content", "one\n"}, {"mode", "append"}}).ok());
    const Result<Json> second
        = call(writer, {{"path", "log.txt"}, {"content", "two\n"}, {"mode", "append"}});
    QVERIFY2(second.ok(), qPrintable(second.errorMessage()));
    QCOMPARE(second->at("created").get<bool>(), false);
    QCOMPARE(second->at("size").get<int>(), 8);
    QCOMPARE(readFile(m_allowed + u"/log.txt"_s), QByteArray("one\ntwo\n"));
}

void TestFileTools::overwriteReplacesTheWholeFile()
{
    FileWriteTool writer;
    const Result<Json> result = call(writer, {{"path", "notes.txt"}, {"content", "new"}});
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    QCOMPARE(result->at("mode").get<std::string>(), std::string("overwrite"));
    QCOMPARE(readFile(m_allowed + u"/notes.txt"_s), QByteArray("new"));
}

void TestFileTools::refusesAWriteThroughASymlinkOutside()
{
    FileWriteTool writer;
    for (const char *path : {"out-link/planted.txt", "secret-link", "dangling", "../outside/x"}) {
        const Result<Json> result = call(writer, {{"path", path}, {"content", "pwned"}});
        QVERIFY2(!result.ok(), path);
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    }
    QVERIFY(!QFile::exists(m_outside + u"/planted.txt"_s));
    QVERIFY(!QFile::exists(m_outside + u"/nothing-yet.txt"_s));
    QVERIFY(!QFile::exists(m_outside + u"/x"_s));
    QCOMPARE(readFile(m_outside + u"/secret.txt"_s), QByteArray("outside"));
}

void TestFileTools::capsWriteSizes()
{
    FileWriteTool writer;
    const std::string tooBig(FileWriteTool::MaxWriteBytes + 1, 'x');
    const Result<Json> big = call(writer, {{"path", "big.txt"}, {"content", tooBig}});
    QVERIFY(!big.ok());
    QVERIFY2(big.errorMessage().contains(u"at most 1048576"_s), qPrintable(big.errorMessage()));
    QVERIFY(!QFile::exists(m_allowed + u"/big.txt"_s));

    const std::string justFits(FileWriteTool::MaxWriteBytes, 'x');
    QVERIFY(call(writer, {{"path", "fits.txt"}, {"content", justFits}}).ok());

    // A sparse file at the cap: appending one more byte would pass it.
    QFile full(m_allowed + u"/full.log"_s);
    QVERIFY(full.open(QIODevice::WriteOnly));
    QVERIFY(full.resize(FileWriteTool::MaxFileBytes));
    full.close();
    const Result<Json> grown
        = call(writer, {{"path", "full.log"}, {"content", "x"}, {"mode", "append"}});
    QVERIFY(!grown.ok());
    QVERIFY2(grown.errorMessage().contains(u"larger than 16777216 bytes"_s),
             qPrintable(grown.errorMessage()));
    QCOMPARE(QFileInfo(full.fileName()).size(), FileWriteTool::MaxFileBytes);
}

void TestFileTools::readCutsAtMaxBytesOnACharacterBoundary()
{
    QVERIFY(writeFile(m_allowed + u"/accents.txt"_s, "ééé"));
    FileReadTool reader;
    const Result<Json> read = call(reader, {{"path", "accents.txt"}, {"max_bytes", 3}});
    QVERIFY2(read.ok(), qPrintable(read.errorMessage()));
    QCOMPARE(QString::fromStdString(read->at("text")), u"é"_s);
    QCOMPARE(read->at("bytes").get<int>(), 2);
    QCOMPARE(read->at("size").get<int>(), 6);
    QCOMPARE(read->at("truncated").get<bool>(), true);
}

void TestFileTools::readRefusesFoldersBinariesAndMissingFiles()
{
    QVERIFY(writeFile(m_allowed + u"/blob.bin"_s, QByteArray("a\0b", 3)));
    FileReadTool reader;
    const Result<Json> folder = call(reader, {{"path", "sub"}});
    QVERIFY(!folder.ok());
    QVERIFY(folder.errorMessage().contains(u"is a folder"_s));
    const Result<Json> binary = call(reader, {{"path", "blob.bin"}});
    QVERIFY(!binary.ok());
    QVERIFY(binary.errorMessage().contains(u"looks binary"_s));
    const Result<Json> missing = call(reader, {{"path", "nope.txt"}});
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    const Result<Json> escaped = call(reader, {{"path", "secret-link"}});
    QVERIFY(!escaped.ok());
    QVERIFY(escaped.errorMessage().contains(u"outside the allowed folders"_s));
}

void TestFileTools::readRefusesAPipe()
{
#ifdef Q_OS_UNIX
    const QByteArray fifo = QFile::encodeName(m_allowed + u"/pipe"_s);
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    FileReadTool reader;
    const Result<Json> read = call(reader, {{"path", "pipe"}});
    QVERIFY(!read.ok());
    QVERIFY2(read.errorMessage().contains(u"not a regular file"_s),
             qPrintable(read.errorMessage()));
#else
    QSKIP("named pipes are a Unix thing");
#endif
}

void TestFileTools::writeRefusesAFolder()
{
    FileWriteTool writer;
    const Result<Json> result = call(writer, {{"path", "sub"}, {"content", "x"}});
    QVERIFY(!result.ok());
    QVERIFY2(result.errorMessage().contains(u"is a folder"_s), qPrintable(result.errorMessage()));
}

QTEST_GUILESS_MAIN(TestFileTools)
#include "tst_filetools.moc"
