#include "studiooptions.h"

#include "analysis/targets.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace iq::gui {

namespace {
bool parseMs(const QString &name, const QString &value, double *out, QString *error)
{
    bool ok = false;
    const double v = value.toDouble(&ok);
    LatencyTargets t;
    t.ttftMs = v;
    if (!ok || !validateTargets(t).isEmpty()) {
        *error = QCoreApplication::translate(
                     "iq::gui::StudioOptions",
                     "%1 must be a number of milliseconds greater than 0 and at most one hour (got \"%2\")")
                     .arg(name, value);
        return false;
    }
    *out = v;
    return true;
}
} // namespace

QString studioHelpText()
{
    return QCoreApplication::translate(
        "iq::gui::StudioOptions",
        "Usage: iqstudio [options]\n"
        "  --catalog FILE                  add a catalog file (repeatable)\n"
        "  --no-user-catalog               do not read the user catalog directory\n"
        "  --model=ID                      model to show\n"
        "  --model-config=FILE             estimate a Hugging Face config.json and show it\n"
        "  --target-ttft-milliseconds=N    TTFT target\n"
        "  --target-ntpot-milliseconds=N   NTPOT target\n"
        "  --target-itl-milliseconds=N     ITL target\n"
        "  --select=INSTANCE_TYPE          select that profile\n"
        "  --lang=en|ko                    user interface language\n"
        "  --screenshot FILE.png           render the window offscreen to FILE and exit\n"
        "  --size=WxH                      window size for --screenshot (default 1440x900)\n"
        "  --chart=ntpot|ttft|itl|throughput  chart tab to show\n"
        "  --log-axes                      logarithmic chart axes\n"
        "  --dark                          dark palette (Fusion style)\n"
        "  --help, --version\n");
}

bool parseStudioOptions(const QStringList &arguments, StudioOptions *o, QString *error, bool *helpRequested)
{
    if (helpRequested)
        *helpRequested = false;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        QString arg = arguments.at(i);
        QString value;
        bool hasValue = false;
        if (arg.startsWith(QLatin1String("--"))) {
            const qsizetype eq = arg.indexOf(QLatin1Char('='));
            if (eq > 0) {
                value = arg.mid(eq + 1);
                arg = arg.left(eq);
                hasValue = true;
            }
        }
        auto take = [&](QString *out) {
            if (hasValue) {
                *out = value;
                return true;
            }
            if (i + 1 >= arguments.size()) {
                *error = QCoreApplication::translate("iq::gui::StudioOptions", "%1 needs a value").arg(arg);
                return false;
            }
            *out = arguments.at(++i);
            return true;
        };
        QString v;
        if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            if (helpRequested)
                *helpRequested = true;
        } else if (arg == QLatin1String("--version")) {
            // handled by main()
        } else if (arg == QLatin1String("--screenshot")) {
            if (!take(&o->screenshot))
                return false;
        } else if (arg == QLatin1String("--model")) {
            if (!take(&o->model))
                return false;
        } else if (arg == QLatin1String("--model-config")) {
            if (!take(&o->modelConfig))
                return false;
        } else if (arg == QLatin1String("--select")) {
            if (!take(&o->select))
                return false;
        } else if (arg == QLatin1String("--lang")) {
            if (!take(&o->language))
                return false;
            if (o->language != QLatin1String("en") && o->language != QLatin1String("ko")) {
                *error = QCoreApplication::translate("iq::gui::StudioOptions",
                                                     "--lang must be en or ko (got \"%1\")")
                             .arg(o->language);
                return false;
            }
        } else if (arg == QLatin1String("--catalog")) {
            if (!take(&v))
                return false;
            o->catalogFiles << v;
        } else if (arg == QLatin1String("--no-user-catalog")) {
            o->noUserCatalog = true;
        } else if (arg == QLatin1String("--benchmark-startup")) {
            o->benchmarkStartup = true;
        } else if (arg == QLatin1String("--dark")) {
            o->dark = true;
        } else if (arg == QLatin1String("--log-axes")) {
            o->logAxes = true;
        } else if (arg == QLatin1String("--chart")) {
            if (!take(&o->tab))
                return false;
            if (o->tab != QLatin1String("ntpot") && o->tab != QLatin1String("ttft") &&
                o->tab != QLatin1String("itl") && o->tab != QLatin1String("throughput")) {
                *error =
                    QCoreApplication::translate("iq::gui::StudioOptions",
                                                "--chart must be ntpot, ttft, itl or throughput (got \"%1\")")
                        .arg(o->tab);
                return false;
            }
        } else if (arg == QLatin1String("--size")) {
            if (!take(&v))
                return false;
            static const QRegularExpression re(QStringLiteral("^(\\d{3,5})x(\\d{3,5})$"));
            const QRegularExpressionMatch m = re.match(v);
            if (!m.hasMatch() || m.captured(1).toInt() > 8192 || m.captured(2).toInt() > 8192) {
                *error = QCoreApplication::translate("iq::gui::StudioOptions",
                                                     "--size must look like 1440x900 (got \"%1\")")
                             .arg(v);
                return false;
            }
            o->size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
        } else if (arg == QLatin1String("--target-ttft-milliseconds")) {
            if (!take(&v) || !parseMs(arg, v, &o->ttftMs, error))
                return false;
        } else if (arg == QLatin1String("--target-ntpot-milliseconds")) {
            if (!take(&v) || !parseMs(arg, v, &o->ntpotMs, error))
                return false;
        } else if (arg == QLatin1String("--target-itl-milliseconds")) {
            if (!take(&v) || !parseMs(arg, v, &o->itlMs, error))
                return false;
        } else if (arg.startsWith(QLatin1Char('-'))) {
            // Qt's own options (-platform, -style, ...) are removed by QApplication before this runs.
            *error = QCoreApplication::translate("iq::gui::StudioOptions", "unknown option %1 (see --help)")
                         .arg(arg);
            return false;
        } else {
            *error = QCoreApplication::translate("iq::gui::StudioOptions",
                                                 "unexpected argument \"%1\" (see --help)")
                         .arg(arg);
            return false;
        }
    }
    return true;
}

} // namespace iq::gui
