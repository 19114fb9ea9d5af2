// The Korean translation is complete: every message in translations/iqstudio_ko.ts is translated, and a
// Korean window (exercised through its states) asks for no string the compiled translation lacks.
#include "catalog/profilecatalog.h"
#include "curvechartview.h"
#include "mainwindow.h"
#include "manifestpane.h"
#include "studio.h"
#include "studiooptions.h"
#include "testsupport.h"

#include <QApplication>
#include <QMenuBar>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace iq;
using namespace iq::gui;

namespace {
// Wraps the compiled Korean translation and records every lookup of our own contexts that it cannot answer.
class RecordingTranslator : public QTranslator
{
public:
    QTranslator inner;
    mutable QSet<QString> missing;
    mutable int lookups = 0;

    QString translate(const char *context, const char *sourceText, const char *disambiguation,
                      int n) const override
    {
        const QString result = inner.translate(context, sourceText, disambiguation, n);
        if (qstrncmp(context, "iq::", 4) == 0) {
            ++lookups;
            if (result.isEmpty())
                missing.insert(QString::fromUtf8(context) + QStringLiteral(": ") +
                               QString::fromUtf8(sourceText));
        }
        return result;
    }
    bool isEmpty() const override { return inner.isEmpty(); }
};

ProfileCatalog testCatalog()
{
    CatalogSources sources;
    sources.embedded = false;
    sources.userDirectory = false;
    sources.extraFiles << iqtest::testDataPath(QStringLiteral("gui/catalog.json"));
    return ProfileCatalog::load(sources, nullptr);
}
} // namespace

class TestTranslation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void tsFileIsComplete()
    {
        const QByteArray ts =
            iqtest::readFile(iqtest::sourcePath(QStringLiteral("translations/iqstudio_ko.ts")));
        QVERIFY(!ts.isEmpty());
        QXmlStreamReader xml(ts);
        QString context, source;
        int messages = 0;
        QStringList untranslated;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                const QString type = xml.attributes().value(QLatin1String("type")).toString();
                const QString text = xml.readElementText();
                if (type == QLatin1String("vanished") || type == QLatin1String("obsolete"))
                    continue;
                ++messages;
                if (type == QLatin1String("unfinished") || text.isEmpty())
                    untranslated << context + QStringLiteral(": ") + source;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 150);
        QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(QLatin1Char('\n'))));
    }

    void koreanWindowHasNoUntranslatedString()
    {
        // installLanguage loads the embedded .qm; then ours replaces it to record misses.
        QCOMPARE(installLanguage(QStringLiteral("ko")), QStringLiteral("ko"));
        auto *recorder = new RecordingTranslator;
        QVERIFY(recorder->inner.load(QStringLiteral(":/i18n/iqstudio_ko.qm")));
        installLanguage(QStringLiteral("en")); // removes the installed ones
        QCoreApplication::installTranslator(recorder);

        MainWindow window;
        window.setCatalog(testCatalog());
        window.setModel(QStringLiteral("test-org/chat-7b"));
        window.resize(1440, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Walk through the states that build text: targets met, nothing met (empty state), ITL unknown,
        // selection from the chart, log axes, another model, HPA off.
        window.setTargets(100, 20, kUnknown);
        window.setTargets(kUnknown, 5, 5);
        window.setTargets(kUnknown, 50, kUnknown);
        window.selectProfile(window.selectedProfile(), 1);
        window.setLogAxes(true);
        window.setModel(QStringLiteral("test-org/tiny-1b"));
        ManifestOptions o;
        o.hpa = false;
        window.manifestPane()->setOptions(o);
        Q_EMIT window.manifestPane()->optionsChanged();
        const CurveChartView *chart = window.chart(ChartMetric::Ntpot);
        for (int i = 0; i < 3; ++i)
            QVERIFY(!CurveChartView::readout(chart->curves().first(), i).isEmpty());
        ChartCurve unpriced = chart->curves().first();
        unpriced.usdPerHour = kUnknown;
        QVERIFY(!CurveChartView::readout(unpriced, 0).isEmpty());
        StudioOptions options;
        QString error;
        QVERIFY(
            !parseStudioOptions({QStringLiteral("iqstudio"), QStringLiteral("--bogus")}, &options, &error));
        QVERIFY(!studioHelpText().isEmpty());
        QCoreApplication::processEvents();

        QVERIFY(recorder->lookups > 100);
        QStringList missing(recorder->missing.begin(), recorder->missing.end());
        missing.sort();
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
        // Spot checks that the window really is Korean.
        QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("파일(&F)"));
        QVERIFY(error.contains(QStringLiteral("알 수 없는 옵션")));
        QCoreApplication::removeTranslator(recorder);
        delete recorder;
    }
};

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
