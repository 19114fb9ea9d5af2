// Start-up time of iqstudio: from starting the process to the first fully painted main window (offscreen,
// embedded catalog, no user catalog), and its resident memory at that moment. Plain program printing
// medians: bench_gui_startup [runs]. The binary is ../app/iqstudio next to this one, or $IQ_STUDIO.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {
double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
    return v.at(i);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(3, QString::fromLocal8Bit(argv[1]).toInt()) : 15;
    QString studio = qEnvironmentVariable("IQ_STUDIO");
    if (studio.isEmpty())
        studio = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../app/iqstudio"));
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));

    std::vector<double> ms, rss;
    for (int i = 0; i < runs + 1; ++i) { // the first run warms the page cache and is not counted
        QProcess p;
        p.setProcessEnvironment(env);
        QElapsedTimer t;
        t.start();
        p.start(studio, {QStringLiteral("--no-user-catalog"), QStringLiteral("--benchmark-startup")});
        QByteArray out;
        while (!out.contains('\n') && p.state() != QProcess::NotRunning && t.elapsed() < 30000) {
            p.waitForReadyRead(50);
            out += p.readAllStandardOutput();
        }
        const double elapsed = double(t.nsecsElapsed()) / 1e6;
        p.waitForFinished(30000);
        if (!out.startsWith("painted")) {
            std::fprintf(stderr, "bench_gui_startup: %s did not report a paint (exit %d): %s\n",
                         qPrintable(studio), p.exitCode(), p.readAllStandardError().constData());
            return 1;
        }
        if (i == 0)
            continue;
        ms.push_back(elapsed);
        rss.push_back(out.mid(out.indexOf('=') + 1).trimmed().toDouble() / 1024.0);
    }
    std::printf("iqstudio start -> first painted window (embedded catalog, offscreen), %d runs:\n", runs);
    std::printf("  median %.1f ms, p95 %.1f ms, min %.1f ms\n", percentile(ms, 0.5), percentile(ms, 0.95),
                percentile(ms, 0));
    std::printf("  resident memory at first paint: median %.1f MiB, max %.1f MiB\n", percentile(rss, 0.5),
                percentile(rss, 1.0));
    return 0;
}
