// `iqstudio --screenshot` renders the window offscreen and exits 0; bad options exit 2.
#include "testsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

class TestScreenshot : public QObject
{
    Q_OBJECT
    QString studio() const
    {
        // The iq binary's directory also holds iqstudio (app/).
        return QFileInfo(qEnvironmentVariable("IQ_CLI")).dir().filePath(QStringLiteral("iqstudio"));
    }

private Q_SLOTS:
    void renders_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("size");
        QTest::addColumn<QSize>("expected");
        QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("1440x900") << QSize(1440, 900);
        QTest::newRow("ko") << QStringLiteral("ko") << QStringLiteral("1280x800") << QSize(1280, 800);
    }
    void renders()
    {
        QFETCH(QString, lang);
        QFETCH(QString, size);
        QFETCH(QSize, expected);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("shot.png"));
        const iqtest::ProcessResult r = iqtest::runProgram(
            studio(),
            {QStringLiteral("--screenshot"), out, QStringLiteral("--no-user-catalog"),
             QStringLiteral("--catalog"), iqtest::testDataPath(QStringLiteral("gui/catalog.json")),
             QStringLiteral("--model=test-org/chat-7b"), QStringLiteral("--target-ntpot-milliseconds=50"),
             QStringLiteral("--select=a3-highgpu-1g"), QStringLiteral("--size=") + size,
             QStringLiteral("--lang=") + lang});
        QVERIFY2(r.exitCode == 0 && !r.crashed, r.err.constData());
        const QImage image(out);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), expected);
    }

    void badOptionsExit2_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("unknown") << QStringList{QStringLiteral("--bogus")};
        QTest::newRow("negative target") << QStringList{QStringLiteral("--target-ntpot-milliseconds=-5")};
        QTest::newRow("size") << QStringList{QStringLiteral("--size=big")};
        QTest::newRow("lang") << QStringList{QStringLiteral("--lang=fr")};
    }
    void badOptionsExit2()
    {
        QFETCH(QStringList, args);
        const iqtest::ProcessResult r =
            iqtest::runProgram(studio(), args, {}, {QStringLiteral("QT_QPA_PLATFORM=offscreen")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(QStringLiteral("iqstudio: ")), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
