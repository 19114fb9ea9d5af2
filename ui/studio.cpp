#include "studio.h"

#include "mainwindow.h"

#include <QApplication>
#include <QBuffer>
#include <QEventLoop>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QPalette>
#include <QPixmap>
#include <QPointer>
#include <QSaveFile>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

namespace iq::gui {

namespace {
// Resident memory of this process in KiB (Linux /proc), -1 elsewhere.
qint64 residentKib()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// Reports the first paint of the window and quits (for the start-up benchmark).
class FirstPaintReporter : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            // Queued: the rest of the window paints in the same backing-store flush before this runs.
            QTimer::singleShot(0, qApp, [] {
                std::fprintf(stdout, "painted rss-kib=%lld\n", static_cast<long long>(residentKib()));
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_done = false;
};

QList<QTranslator *> &installedTranslators()
{
    static QList<QTranslator *> list;
    return list;
}
} // namespace

QString installLanguage(const QString &language)
{
    for (QTranslator *t : installedTranslators()) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    installedTranslators().clear();
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    const QString code = locale.language() == QLocale::Korean ? QStringLiteral("ko") : QStringLiteral("en");
    QLocale::setDefault(code == QLatin1String("ko") ? QLocale(QLocale::Korean, QLocale::SouthKorea)
                                                    : QLocale(QLocale::English, QLocale::UnitedStates));
    if (code == QLatin1String("en"))
        return code;                                            // the source strings are English
    auto *ours = new QTranslator(QCoreApplication::instance()); // deleted with the application at the latest
    if (ours->load(QStringLiteral(":/i18n/iqstudio_ko.qm"))) {
        QCoreApplication::installTranslator(ours);
        installedTranslators() << ours;
    } else {
        delete ours;
        return QStringLiteral("en");
    }
    // Qt's own strings (dialog buttons, context menus) when the system has them.
    auto *qt = new QTranslator(QCoreApplication::instance()); // deleted with the application at the latest
    if (qt->load(QLocale(QLocale::Korean), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installedTranslators() << qt;
    } else {
        delete qt;
    }
    return code;
}

MainWindow *createMainWindow(const StudioOptions &options, bool restore, QString *catalogMessage)
{
    auto *window = new MainWindow;
    CatalogSources sources;
    sources.userDirectory = !options.noUserCatalog;
    sources.extraFiles = options.catalogFiles;
    window->loadCatalog(sources, catalogMessage);
    if (restore)
        window->restoreSettings();
    if (!options.model.isEmpty())
        window->setModel(options.model);
    if (!options.modelConfig.isEmpty()) {
        // Wait for the estimate so that targets and selection below apply to the custom model.
        QEventLoop loop;
        QString failure;
        QObject::connect(window, &MainWindow::customModelAdded, &loop,
                         [&](const QString &id, const QString &message) {
                             if (id.isEmpty())
                                 failure = message;
                             loop.quit();
                         });
        QString error;
        if (!window->startCustomEstimate(options.modelConfig, &error))
            failure = error;
        else
            loop.exec();
        if (!failure.isEmpty() && catalogMessage)
            *catalogMessage += (catalogMessage->isEmpty() ? QString() : QStringLiteral("\n")) + failure;
    }
    if (isKnown(options.ttftMs) || isKnown(options.ntpotMs) || isKnown(options.itlMs))
        window->setTargets(options.ttftMs, options.ntpotMs, options.itlMs);
    if (options.logAxes)
        window->setLogAxes(true);
    if (options.tab == QLatin1String("ttft"))
        window->setChartTab(ChartMetric::Ttft);
    else if (options.tab == QLatin1String("throughput"))
        window->setChartTab(ChartMetric::Throughput);
    else if (options.tab == QLatin1String("itl"))
        window->setChartTab(ChartMetric::Itl);
    if (!options.select.isEmpty())
        window->selectInstanceType(options.select);
    return window;
}

bool saveScreenshot(MainWindow *window, const StudioOptions &options, QString *error)
{
    window->resize(options.size);
    window->show();
    // Let layouts, the charts' scene and the table settle (several passes: charts lay out lazily).
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
    const QPixmap pixmap = window->grab();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (pixmap.isNull() || !pixmap.save(&buffer, "PNG")) {
        *error = QCoreApplication::translate("iq::gui::Studio", "%1: could not render the window")
                     .arg(options.screenshot);
        return false;
    }
    QSaveFile file(options.screenshot);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QStringLiteral("%1: %2").arg(options.screenshot, file.errorString());
        return false;
    }
    return true;
}

int runStudio(QApplication &app, const StudioOptions &options)
{
    const bool screenshot = !options.screenshot.isEmpty();
    QString language = options.language;
    if (language.isEmpty() && !screenshot)
        language = QSettings().value(QStringLiteral("language")).toString();
    installLanguage(language);
    if (options.dark) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x30));
        p.setColor(QPalette::ToolTipText, QColor(0xf0, 0xf0, 0xe0));
        p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
        p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb3));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
        p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
        p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
        QApplication::setPalette(p);
    }

    QString message;
    QPointer<MainWindow> window = createMainWindow(options, !screenshot, &message);
    if (!message.isEmpty())
        std::fprintf(stderr, "%s\n", qPrintable(message));
    if (screenshot) {
        QString error;
        const bool ok = saveScreenshot(window, options, &error);
        if (!ok)
            std::fprintf(stderr, "iqstudio: %s\n", qPrintable(error));
        delete window;
        return ok ? 0 : 1;
    }

    // A language switch recreates the window with the same settings (every string is set in constructors).
    std::function<void(MainWindow *)> wire = [&](MainWindow *w) {
        QObject::connect(w, &MainWindow::languageChangeRequested, w, [&, w](const QString &lang) {
            installLanguage(lang);
            StudioOptions again = options;
            again.model.clear();
            again.ttftMs = again.ntpotMs = again.itlMs = kUnknown;
            again.select.clear();
            QString ignored;
            MainWindow *next = createMainWindow(again, true, &ignored);
            wire(next);
            next->show();
            w->deleteLater();
            window = next;
        });
    };
    wire(window);
    if (options.benchmarkStartup)
        window->installEventFilter(new FirstPaintReporter(window));
    window->show();
    const int rc = app.exec();
    delete window;
    return rc;
}

} // namespace iq::gui
