// Feeds thousands of deterministic random mutations of a valid catalog to the loader: it must never crash
// or hang, and either load or report errors that carry a line number inside the input.

#include "catalog/catalogloader.h"
#include "catalog/catalogwriter.h"

#include <QFile>
#include <QTest>

#include <random>

using namespace iq;

namespace {

// A valid catalog that uses every section and field kind.
QByteArray seedCatalog()
{
    QFile f(QStringLiteral(IQ_SOURCE_DIR "/resources/catalog/reference.json"));
    QByteArray bytes;
    if (f.open(QIODevice::ReadOnly))
        bytes = f.readAll();
    // Add profiles with several points and escapes in strings so mutations hit those paths too.
    CatalogData d;
    for (int i = 0; i < 3; ++i) {
        Profile p;
        p.model = QStringLiteral("m\u00e9/\"x\"-%1").arg(i);
        p.modelServer = QStringLiteral("vllm");
        p.accelerator = QStringLiteral("nvidia-l4");
        p.acceleratorCount = 1 + i;
        p.provenance.kind = Provenance::Kind::Estimated;
        p.provenance.errorBandPercent = 12.5;
        for (int k = 0; k < 4; ++k) {
            BenchmarkPoint pt;
            pt.requestRate = k + 0.5;
            pt.outputTokensPerSecond = 100.25 * (k + 1);
            pt.ttftMs.mean = 1e-3 * (k + 1);
            pt.e2eMs.p99 = k == 2 ? kUnknown : 12345.678;
            p.points << pt;
        }
        d.profiles << p;
    }
    return bytes + serializeCatalog(d); // two top-level objects: the mutations may also fix or break that
}

int lineCount(const QByteArray &b)
{
    return static_cast<int>(b.count('\n')) + 1;
}

} // namespace

class TestCatalogFuzz : public QObject
{
    Q_OBJECT

private slots:
    void seedIsValid()
    {
        const QByteArray seed = seedCatalog();
        const qsizetype split = seed.indexOf("}\n{") + 2;
        QVERIFY(split > 2);
        QVERIFY(parseCatalog(seed.left(split), QStringLiteral("a.json")).ok());
        QVERIFY(parseCatalog(seed.mid(split), QStringLiteral("b.json")).ok());
        // Together they are not one catalog: the second object is extra data.
        const CatalogLoadResult both = parseCatalog(seed, QStringLiteral("c.json"));
        QCOMPARE(both.errors.size(), 1);
        QVERIFY(both.errors[0].message.contains(QLatin1String("unexpected data after the catalog object")));
    }

    void mutations()
    {
        const QByteArray full = seedCatalog();
        const qsizetype split = full.indexOf("}\n{") + 2;
        const QList<QByteArray> seeds{full.left(split), full.mid(split)};
        std::mt19937 rng(20261125);
        int loaded = 0;
        int rejected = 0;
        const int iterations = 4000;
        for (int i = 0; i < iterations; ++i) {
            QByteArray b = seeds[i % 2];
            auto pos = [&](qsizetype size) {
                return static_cast<qsizetype>(rng() % static_cast<unsigned>(qMax<qsizetype>(1, size)));
            };
            const int kind = static_cast<int>(rng() % 6);
            const int repeats = 1 + static_cast<int>(rng() % 4);
            for (int r = 0; r < repeats && !b.isEmpty(); ++r) {
                switch (kind) {
                case 0: { // bit flips
                    const qsizetype at = pos(b.size());
                    b[at] = static_cast<char>(b[at] ^ (1 << (rng() % 8)));
                    break;
                }
                case 1: // truncation
                    b.truncate(pos(b.size()));
                    break;
                case 2: { // splice: copy a chunk from one place over another
                    const qsizetype from = pos(b.size());
                    const qsizetype len = pos(qMin<qsizetype>(200, b.size() - from)) + 1;
                    const QByteArray chunk = b.mid(from, len);
                    b.insert(pos(b.size()), chunk);
                    break;
                }
                case 3: { // delete a range
                    const qsizetype from = pos(b.size());
                    b.remove(from, pos(64) + 1);
                    break;
                }
                case 4: { // random bytes (including NUL and invalid UTF-8)
                    QByteArray junk;
                    for (int k = 0, n = 1 + static_cast<int>(rng() % 16); k < n; ++k)
                        junk += static_cast<char>(rng() % 256);
                    b.insert(pos(b.size()), junk);
                    break;
                }
                case 5: { // structural characters where they do not belong
                    static const char structural[] = "{}[],:\"\\-0.eE+nN";
                    b[pos(b.size())] = structural[rng() % (sizeof structural - 1)];
                    break;
                }
                }
            }
            CatalogLoadOptions options;
            if (i % 3 == 0)
                options.onlyModels = {QStringLiteral("openai/gpt-oss-20b")};
            const CatalogLoadResult result = parseCatalog(b, QStringLiteral("fuzz.json"), options);
            if (result.ok()) {
                ++loaded;
                continue;
            }
            ++rejected;
            const int lines = lineCount(b);
            for (const Diagnostic &d : result.errors) {
                QCOMPARE(d.file, QStringLiteral("fuzz.json"));
                QVERIFY2(!d.message.isEmpty(), "empty error message");
                // Every error has a line in the input, except "file is empty" (the whole file).
                const bool empty = d.message.startsWith(QLatin1String("file is empty"));
                QVERIFY2((d.line >= 1 && d.line <= lines) || (empty && d.line == 0),
                         qPrintable(QStringLiteral("iteration %1: %2 (input has %3 lines)")
                                        .arg(i)
                                        .arg(d.toString())
                                        .arg(lines)));
            }
            QVERIFY(result.errors.size() <= kMaxCatalogErrors + 1);
        }
        qInfo("%d mutations: %d loaded, %d rejected with located errors", iterations, loaded, rejected);
        QCOMPARE(loaded + rejected, iterations);
        QVERIFY(rejected > iterations / 2); // most mutations must break something
    }

    void pathological()
    {
        const QList<QByteArray> inputs{
            QByteArray(100000, '['),
            QByteArray(100000, '{'),
            "{\"format\": \"iq-catalog\", \"version\": 1, \"x\": " + QByteArray(100000, '['),
            "{\"format\": \"iq-catalog\", \"version\": 1, \"profiles\": [{\"model\": \"b\", \"x\": " +
                QByteArray(100000, '['),
            "{\"format\": \"iq-catalog\", \"version\": 1, \"name\": \"" + QByteArray(1 << 20, 'a'),
            "{\"format\": \"iq-catalog\", \"version\": 1e99999999999}",
            "{\"format\": \"iq-catalog\", \"version\": 1, \"useCases\": [{\"name\": \"u\", "
            "\"inputLength\": " +
                QByteArray(5000, '9') + ", \"outputLength\": 1}]}",
            "{\"format\": \"iq-catalog\", \"version\": 1, \"name\": \"\\u",
            "{\"format\": \"iq-catalog\", \"version\": 1, \"name\": \"\\ud83d\\u",
            QByteArray("\xef\xbb\xbf{\"format\": \"iq-catalog\", \"version\": 1}"),
            QByteArray("{\"format\": \"iq-catalog\", \"version\": 1, \"name\": \"\xf4\x90\x80\x80\"}"),
            QByteArray("{\"format\": \"iq-catalog\", \"version\": 1, \"name\": \"\xed\xa0\x80\"}"),
            QByteArray("\0", 1),
            QByteArray("-"),
            QByteArray("1e"),
        };
        CatalogLoadOptions only;
        only.onlyModels = {QStringLiteral("a")};
        int i = 0;
        for (const QByteArray &in : inputs) {
            for (const CatalogLoadOptions &o : {CatalogLoadOptions{}, only}) {
                const CatalogLoadResult r = parseCatalog(in, QStringLiteral("p.json"), o);
                if (i == 9) { // BOM then a valid (empty) catalog
                    QVERIFY(r.ok());
                    continue;
                }
                QVERIFY2(!r.ok(), qPrintable(QStringLiteral("input %1 accepted").arg(i)));
                for (const Diagnostic &d : r.errors)
                    QVERIFY2(d.line >= 1 || d.message.startsWith(QLatin1String("file is empty")),
                             qPrintable(d.toString()));
            }
            ++i;
        }
    }
};

QTEST_GUILESS_MAIN(TestCatalogFuzz)
#include "tst_catalog_fuzz.moc"
