#include "calibrationpoints.h"

#include <QFile>

#include <yaml-cpp/yaml.h>

#include <cmath>

namespace iq {

QString calibrationLoadName(CalibrationPoint::Load load)
{
    switch (load) {
    case CalibrationPoint::Load::Offline:
        return QStringLiteral("offline");
    case CalibrationPoint::Load::Concurrency:
        return QStringLiteral("concurrency");
    case CalibrationPoint::Load::PoissonRate:
        return QStringLiteral("poisson");
    case CalibrationPoint::Load::OperatingPoint:
        return QStringLiteral("operating-point");
    }
    return QString();
}

namespace {

QString at(const QString &path, const YAML::Node &node)
{
    const YAML::Mark mark = node.Mark();
    return mark.line < 0 ? path : QStringLiteral("%1:%2").arg(path).arg(mark.line + 1);
}

class PointReader
{
public:
    PointReader(const QString &path, QStringList *errors)
        : m_path(path)
        , m_errors(errors)
    {}
    bool ok() const { return m_ok; }
    void error(const YAML::Node &where, const QString &message)
    {
        m_errors->append(QStringLiteral("%1: %2").arg(at(m_path, where), message));
        m_ok = false;
    }
    QString string(const YAML::Node &map, const char *key, bool required)
    {
        const YAML::Node v = map[key];
        if (!v || v.IsNull()) {
            if (required)
                error(map, QStringLiteral("missing required field %1").arg(QLatin1String(key)));
            return {};
        }
        if (!v.IsScalar()) {
            error(v, QStringLiteral("field %1 must be a string").arg(QLatin1String(key)));
            return {};
        }
        return QString::fromStdString(v.Scalar());
    }
    double number(const YAML::Node &map, const char *key, bool required, double min = 0)
    {
        const YAML::Node v = map[key];
        if (!v || v.IsNull()) {
            if (required)
                error(map, QStringLiteral("missing required field %1").arg(QLatin1String(key)));
            return kUnknown;
        }
        double d = 0;
        if (!v.IsScalar() || !YAML::convert<double>::decode(v, d) || !std::isfinite(d) || d < min) {
            error(v, QStringLiteral("field %1 must be a number >= %2").arg(QLatin1String(key)).arg(min));
            return kUnknown;
        }
        return d;
    }
    int integer(const YAML::Node &map, const char *key, bool required, int min)
    {
        const double d = number(map, key, required, min);
        if (!isKnown(d))
            return 0;
        if (d != std::floor(d) || d > 1e9) {
            error(map[key], QStringLiteral("field %1 must be an integer").arg(QLatin1String(key)));
            return 0;
        }
        return int(d);
    }

private:
    QString m_path;
    QStringList *m_errors;
    bool m_ok = true;
};

void readPoint(const YAML::Node &node, const QString &path, QStringList *errors, QList<CalibrationPoint> *out)
{
    PointReader r(path, errors);
    if (!node.IsMap()) {
        r.error(node, QStringLiteral("a point must be a mapping"));
        return;
    }
    CalibrationPoint p;
    p.id = r.string(node, "id", true);
    p.model = r.string(node, "model", true);
    p.measuredModel = r.string(node, "measured_model", false);
    p.server = r.string(node, "server", true);
    p.serverVersion = r.string(node, "server_version", false);
    p.accelerator = r.string(node, "accelerator", true);
    p.acceleratorCount = r.integer(node, "accelerator_count", true, 1);
    p.parallelism = r.string(node, "parallelism", false);
    p.precision = r.string(node, "precision", true);
    p.numPrompts = r.integer(node, "num_prompts", false, 1);
    p.source = r.string(node, "source", true);
    p.note = r.string(node, "note", false);

    const YAML::Node load = node["load"];
    if (!load || !load.IsMap()) {
        r.error(node, QStringLiteral("missing required mapping load"));
    } else {
        const QString kind = r.string(load, "kind", true);
        if (kind == QLatin1String("offline")) {
            p.load = CalibrationPoint::Load::Offline;
        } else if (kind == QLatin1String("concurrency")) {
            p.load = CalibrationPoint::Load::Concurrency;
            p.concurrency = r.number(load, "concurrency", true, 1);
        } else if (kind == QLatin1String("poisson")) {
            p.load = CalibrationPoint::Load::PoissonRate;
            p.requestRate = r.number(load, "rate", true, 1e-9);
        } else if (kind == QLatin1String("operating-point")) {
            p.load = CalibrationPoint::Load::OperatingPoint;
        } else if (!kind.isEmpty()) {
            r.error(load, QStringLiteral("load.kind \"%1\" is not one of offline, concurrency, poisson, "
                                         "operating-point")
                              .arg(kind));
        }
    }

    const YAML::Node lengths = node["lengths"];
    if (!lengths || !lengths.IsMap()) {
        r.error(node, QStringLiteral("missing required mapping lengths"));
    } else {
        const QString kind = r.string(lengths, "kind", true);
        if (kind == QLatin1String("fixed")) {
            p.lengths = CalibrationPoint::Lengths::Fixed;
            p.inputTokens = r.integer(lengths, "input", true, 1);
            p.outputTokens = r.integer(lengths, "output", true, 1);
            p.meanInputTokens = p.inputTokens;
            p.meanOutputTokens = p.outputTokens;
        } else if (kind == QLatin1String("sharegpt") || kind == QLatin1String("dataset")) {
            p.lengths = kind == QLatin1String("sharegpt") ? CalibrationPoint::Lengths::ShareGpt
                                                          : CalibrationPoint::Lengths::Dataset;
            p.datasetDescription = r.string(lengths, "dataset", true);
            p.meanInputTokens = r.number(lengths, "mean_input", false, 1);
            p.meanOutputTokens = r.number(lengths, "mean_output", false, 1);
        } else if (!kind.isEmpty()) {
            r.error(lengths,
                    QStringLiteral("lengths.kind \"%1\" is not one of fixed, sharegpt, dataset").arg(kind));
        }
    }

    const YAML::Node m = node["metrics"];
    if (!m || !m.IsMap()) {
        r.error(node, QStringLiteral("missing required mapping metrics"));
    } else {
        static const char *const known[] = {
            "output_tokens_per_s", "requests_per_s", "ttft_ms_mean", "ttft_ms_p50",
            "ttft_ms_p90",         "ttft_ms_p99",    "tpot_ms_mean", "tpot_ms_p50",
            "tpot_ms_p90",         "tpot_ms_p99",    "itl_ms_mean",  "itl_ms_p50",
            "itl_ms_p99",          "ntpot_ms_mean",  "ntpot_ms_p50", "ntpot_ms_p99"};
        for (auto it = m.begin(); it != m.end(); ++it) {
            const std::string key = it->first.as<std::string>("");
            bool ok = false;
            for (const char *k : known)
                ok = ok || key == k;
            if (!ok)
                r.error(it->first, QStringLiteral("unknown metric %1").arg(QString::fromStdString(key)));
        }
        p.outputTokensPerSecond = r.number(m, "output_tokens_per_s", false);
        p.requestsPerSecond = r.number(m, "requests_per_s", false);
        p.ttftMs = {r.number(m, "ttft_ms_mean", false), r.number(m, "ttft_ms_p50", false),
                    r.number(m, "ttft_ms_p90", false), r.number(m, "ttft_ms_p99", false)};
        p.tpotMs = {r.number(m, "tpot_ms_mean", false), r.number(m, "tpot_ms_p50", false),
                    r.number(m, "tpot_ms_p90", false), r.number(m, "tpot_ms_p99", false)};
        p.itlMs = {r.number(m, "itl_ms_mean", false), r.number(m, "itl_ms_p50", false), kUnknown,
                   r.number(m, "itl_ms_p99", false)};
        p.ntpotMs = {r.number(m, "ntpot_ms_mean", false), r.number(m, "ntpot_ms_p50", false), kUnknown,
                     r.number(m, "ntpot_ms_p99", false)};
        if (r.ok() && !isKnown(p.outputTokensPerSecond) && !isKnown(p.ttftMs.headline()) &&
            !isKnown(p.tpotMs.headline()) && !isKnown(p.ntpotMs.headline()))
            r.error(m, QStringLiteral("no measured metric"));
    }
    if (r.ok())
        out->append(p);
}

} // namespace

QList<CalibrationPoint> loadCalibrationPoints(const QString &path, QStringList *errors)
{
    QStringList local;
    QStringList *errs = errors ? errors : &local;
    QList<CalibrationPoint> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        errs->append(QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
        return out;
    }
    try {
        const YAML::Node root = YAML::Load(file.readAll().toStdString());
        const YAML::Node points = root.IsMap() ? root["points"] : YAML::Node();
        if (!points || !points.IsSequence()) {
            errs->append(QStringLiteral("%1: missing list `points`").arg(path));
            return out;
        }
        QStringList ids;
        for (const YAML::Node &node : points) {
            const qsizetype before = out.size();
            readPoint(node, path, errs, &out);
            if (out.size() > before) {
                if (ids.contains(out.last().id)) {
                    errs->append(
                        QStringLiteral("%1: duplicate point id %2").arg(at(path, node), out.last().id));
                    out.removeLast();
                } else {
                    ids << out.last().id;
                }
            }
        }
    } catch (const YAML::Exception &e) {
        errs->append(
            QStringLiteral("%1:%2: %3").arg(path).arg(e.mark.line + 1).arg(QString::fromStdString(e.msg)));
    }
    return out;
}

} // namespace iq
